/** The account's own settings (`GET/PATCH /v1/partner`): name, time zone, reseller price. */
import type { PartnerSettings, UpdatePartnerRequest } from "@parley/types";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { partners, subscriptions } from "../db/schema";
import { ApiError } from "../errors";
import type { PartnerAuth, Services } from "../services";
import { invalidateResolution } from "./agents";
import { audit } from "./audit";

async function settingsOf(db: Db, partnerId: string): Promise<PartnerSettings> {
  const [row] = await db
    .select({ partner: partners, planId: subscriptions.planId })
    .from(partners)
    .leftJoin(subscriptions, eq(subscriptions.partnerId, partners.id))
    .where(eq(partners.id, partnerId));
  // The caller authenticated as this partner a moment ago: only a concurrent delete gets here.
  if (!row) throw new ApiError("unauthorized", "This account no longer exists.");
  const p = row.partner;
  return {
    id: p.id,
    name: p.name,
    timezone: p.timezone,
    isReseller: p.isReseller,
    planId: row.planId ?? "free",
    parentId: p.parentId,
    status: p.status,
    resellerPriceMicrosPerMinute: p.resellerPriceMicrosPerMinute,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function getPartnerSettings(services: Services, auth: PartnerAuth) {
  return settingsOf(services.database.db, auth.partnerId);
}

export async function updatePartnerSettings(
  services: Services,
  auth: PartnerAuth,
  input: UpdatePartnerRequest,
): Promise<PartnerSettings> {
  return services.database.db.transaction(async (tx) => {
    const [partner] = await tx
      .select({ isReseller: partners.isReseller })
      .from(partners)
      .where(eq(partners.id, auth.partnerId))
      .for("update");
    if (!partner) throw new ApiError("unauthorized", "This account no longer exists.");
    if (input.resellerPriceMicrosPerMinute !== undefined && !partner.isReseller) {
      throw new ApiError("forbidden", "Only reseller accounts set a price for sub-accounts.");
    }
    const changes = {
      name: input.name,
      timezone: input.timezone,
      resellerPriceMicrosPerMinute: input.resellerPriceMicrosPerMinute,
    };
    const fields = Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([field]) => field);
    if (fields.length === 0) return settingsOf(tx, auth.partnerId);
    // drizzle leaves out the fields that are undefined.
    await tx
      .update(partners)
      .set({ ...changes, updatedAt: services.now() })
      .where(eq(partners.id, auth.partnerId));
    await audit(tx, services, {
      partnerId: auth.partnerId,
      actor: auth.actor,
      action: "partner.updated",
      targetType: "partner",
      targetId: auth.partnerId,
      data: { fields },
    });
    await invalidateResolution(tx, auth.partnerId);
    return settingsOf(tx, auth.partnerId);
  });
}
