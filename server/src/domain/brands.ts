/**
 * The partner's own brand (`GET/PUT /v1/brand`, design §10). What the widget finally shows
 * is merged in domain/brand.ts (reseller, refined by the sub-account where allowed, refined
 * by the agent); this file stores one partner's part and enforces who may set what.
 */
import type { Brand, PutBrandRequest } from "@parley/types";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { brands, partners } from "../db/schema";
import { ApiError } from "../errors";
import type { PartnerAuth, Services } from "../services";
import { isUniqueViolation } from "./accounts";
import { audit } from "./audit";
import { loadEntitlements } from "./entitlements";
import { invalidationChannel } from "./resolution-cache";

type BrandRow = typeof brands.$inferSelect;

const unset: Omit<Brand, "updatedAt"> = {
  name: null,
  logoUrl: null,
  primaryColor: null,
  onPrimaryColor: null,
  surfaceColor: null,
  textColor: null,
  fontFamily: null,
  radius: null,
  hidePoweredBy: false,
  customDomain: null,
  allowSubaccountOverrides: true,
};

export function brandView(row: BrandRow | undefined): Brand {
  if (!row) return { ...unset, updatedAt: null };
  return {
    name: row.name,
    logoUrl: row.logoUrl,
    primaryColor: row.primaryColor,
    onPrimaryColor: row.onPrimaryColor,
    surfaceColor: row.surfaceColor,
    textColor: row.textColor,
    fontFamily: row.fontFamily,
    radius: row.radius,
    hidePoweredBy: row.hidePoweredBy,
    customDomain: row.customDomain,
    allowSubaccountOverrides: row.allowSubaccountOverrides,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function brandRow(db: Db, partnerId: string) {
  const [row] = await db.select().from(brands).where(eq(brands.partnerId, partnerId));
  return row;
}

export async function getBrand(services: Services, auth: PartnerAuth): Promise<Brand> {
  return brandView(await brandRow(services.database.db, auth.partnerId));
}

const resellersOnly = (path: string) =>
  new ApiError("forbidden", `${path}: only reseller accounts may set it.`, {
    errors: [{ path, message: "only reseller accounts may set it" }],
  });

/** Who may set what: reseller-only fields, the reseller's lock, the remove-branding add-on. */
async function checkAllowed(services: Services, tx: Db, partnerId: string, input: PutBrandRequest) {
  const [partner] = await tx
    .select({ isReseller: partners.isReseller, parentId: partners.parentId })
    .from(partners)
    .where(eq(partners.id, partnerId));
  if (!partner) throw new ApiError("unauthorized", "This account no longer exists.");
  if (!partner.isReseller) {
    // The defaults are accepted, so a client can send back what GET gave it.
    if (input.customDomain !== null) throw resellersOnly("customDomain");
    if (!input.allowSubaccountOverrides) throw resellersOnly("allowSubaccountOverrides");
  }
  if (partner.parentId) {
    const parent = await brandRow(tx, partner.parentId);
    if (parent && !parent.allowSubaccountOverrides) {
      throw new ApiError("forbidden", "Your reseller manages this account's brand.");
    }
  }
  if (input.hidePoweredBy && !partner.isReseller) {
    const entitlements = await loadEntitlements({ db: tx }, partnerId, services.now());
    if (!entitlements.features.remove_branding.allowed) {
      throw new ApiError(
        "upgrade_required",
        "Hiding “Powered by” needs the Remove branding add-on.",
        { upgradeUrl: `${services.env.PUBLIC_URL}/dashboard/billing`, feature: "remove_branding" },
      );
    }
  }
}

/** Replaces the brand; every cached resolution of the partner and its sub-accounts drops. */
export async function putBrand(
  services: Services,
  auth: PartnerAuth,
  input: PutBrandRequest,
): Promise<Brand> {
  try {
    return await services.database.db.transaction(async (tx) => {
      await checkAllowed(services, tx, auth.partnerId, input);
      const before = brandView(await brandRow(tx, auth.partnerId));
      const values = { ...input, updatedAt: services.now() };
      const [row] = await tx
        .insert(brands)
        .values({ partnerId: auth.partnerId, ...values })
        .onConflictDoUpdate({ target: brands.partnerId, set: values })
        .returning();
      const after = brandView(row);
      const previous = new Map(Object.entries(before));
      const fields = Object.entries(after)
        .filter(([field, value]) => field !== "updatedAt" && previous.get(field) !== value)
        .map(([field]) => field);
      await audit(tx, services, {
        partnerId: auth.partnerId,
        actor: auth.actor,
        action: "brand.updated",
        targetType: "brand",
        targetId: auth.partnerId,
        data: { fields },
      });
      // Sub-accounts' widgets show this brand too: one NOTIFY per partner id, at commit.
      await tx.execute(sql`
        select pg_notify(${invalidationChannel}, id) from ${partners}
         where id = ${auth.partnerId} or parent_id = ${auth.partnerId}`);
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError("conflict", "customDomain: another account already uses that domain.", {
        errors: [{ path: "customDomain", message: "another account already uses that domain" }],
      });
    }
    throw error;
  }
}
