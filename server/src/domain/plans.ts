import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { plans, subscriptions } from "../db/schema";
import type { Env } from "../env";
import { ApiError } from "../errors";

export type Plan = typeof plans.$inferSelect;

/**
 * The plan of the partner's subscription (every partner has one, see partners.ts).
 * `lock` holds the subscription row until the transaction ends: creates that check a plan
 * cap take it so two concurrent requests cannot both pass the same last free slot.
 */
export async function getPartnerPlan(
  db: Db,
  partnerId: string,
  options: { lock?: boolean } = {},
): Promise<Plan> {
  const query = db
    .select({ plan: plans })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.partnerId, partnerId));
  const [row] = options.lock ? await query.for("update", { of: subscriptions }) : await query;
  if (!row) throw new Error("partner has no subscription");
  return row.plan;
}

/** `402 upgrade_required` for a create past one of the plan's caps, with where to upgrade. */
export function planLimitReached(
  env: Pick<Env, "PUBLIC_URL">,
  plan: Pick<Plan, "name">,
  limit: number,
  noun: { one: string; many: string },
): ApiError {
  return new ApiError(
    "upgrade_required",
    `Your ${plan.name} plan allows ${limit} ${limit === 1 ? noun.one : noun.many}; upgrade to add more.`,
    { upgradeUrl: `${env.PUBLIC_URL}/dashboard/billing`, limit },
  );
}
