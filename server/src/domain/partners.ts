import type { Db } from "../db/client";
import { partners, subscriptions } from "../db/schema";
import type { Services } from "../services";

export interface NewPartner {
  name: string;
  planId?: string;
  parentId?: string | null;
  isReseller?: boolean;
  timezone?: string;
}

/** The billing period containing `now`: calendar months in UTC. */
export function billingPeriod(now: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, end };
}

/** A partner always has a subscription row: `free` until it buys something. */
export async function createPartner(
  db: Db,
  services: Pick<Services, "newId" | "now">,
  input: NewPartner,
) {
  const id = services.newId("ptn");
  const period = billingPeriod(services.now());
  await db.insert(partners).values({
    id,
    name: input.name,
    parentId: input.parentId ?? null,
    isReseller: input.isReseller ?? false,
    timezone: input.timezone ?? "UTC",
  });
  await db.insert(subscriptions).values({
    id: services.newId("sub"),
    partnerId: id,
    planId: input.planId ?? "free",
    status: "active",
    currentPeriodStart: period.start,
    currentPeriodEnd: period.end,
  });
  return id;
}
