/**
 * Entitlements (design §4 rule 5): what a partner may use right now. The decision is the
 * pure `computeEntitlements`; `loadEntitlements` only gathers its inputs from the database.
 */
import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import {
  featureFlagOverrides,
  featureFlags,
  partners,
  plans,
  subscriptionAddons,
  subscriptions,
} from "../db/schema";
import { type FeatureKey, featureKeys } from "../db/seed/reference";

export type { FeatureKey };
export { featureKeys };

/** Why a feature is or is not allowed, in OpenFeature's spirit (`override`, `global`, …). */
export type EntitlementReason =
  | "override"
  | "global"
  | "disabled"
  | "not_in_plan"
  | "trial_expired";

export interface FeatureEntitlement {
  allowed: boolean;
  reason: EntitlementReason;
  /** Buying a plan or add-on would turn it on: the UI may show an upgrade prompt. */
  requiresUpgrade: boolean;
}

export interface Entitlements {
  features: Record<FeatureKey, FeatureEntitlement>;
}

export interface AddonState {
  key: string;
  status: "active" | "canceled";
  billingStatus: "paid" | "trial" | "unpaid";
  trialEndsAt: Date | null;
}

export interface EntitlementInput {
  planFeatures: readonly string[];
  addons: readonly AddonState[];
  /** Global feature flags by key; a missing flag counts as off. */
  globalFlags: Readonly<Record<string, boolean>>;
  /** This partner's flag overrides by key. */
  overrides: Readonly<Record<string, boolean>>;
  /** The reseller's own computed entitlements, for a sub-account. */
  parent?: Entitlements | null;
  now: Date;
}

/**
 * A trial without an end date is treated as over: a trial is by definition bounded, so a
 * missing date is a data error and we fail closed rather than grant a feature forever.
 */
function trialRunning(addon: AddonState, now: Date): boolean {
  return addon.trialEndsAt !== null && now.getTime() < addon.trialEndsAt.getTime();
}

function addonCounts(addon: AddonState, now: Date): boolean {
  if (addon.status !== "active") return false;
  return (
    addon.billingStatus === "paid" || (addon.billingStatus === "trial" && trialRunning(addon, now))
  );
}

function decide(key: FeatureKey, input: EntitlementInput): FeatureEntitlement {
  const addons = input.addons.filter((a) => a.key === key);
  const inPlan =
    input.planFeatures.includes(key) || addons.some((addon) => addonCounts(addon, input.now));
  if (!inPlan) {
    const trialEnded = addons.some(
      (a) => a.billingStatus === "trial" && !trialRunning(a, input.now),
    );
    return {
      allowed: false,
      reason: trialEnded ? "trial_expired" : "not_in_plan",
      requiresUpgrade: true,
    };
  }
  // Flags gate what the plan grants; an override never grants what was not bought.
  if (Object.hasOwn(input.overrides, key)) {
    return { allowed: input.overrides[key] === true, reason: "override", requiresUpgrade: false };
  }
  return input.globalFlags[key] === true
    ? { allowed: true, reason: "global", requiresUpgrade: false }
    : { allowed: false, reason: "disabled", requiresUpgrade: false };
}

/**
 * A sub-account never gets a feature its reseller lacks. Such a denial reads `not_in_plan`
 * (the reseller's own reason, e.g. its trial, is the reseller's business and is not shown to
 * its customer) with `requiresUpgrade: false`, because nothing the sub-account buys would
 * turn it on. When the sub-account's own flags already switched the feature off, that
 * more specific reason stands.
 */
function capByParent(own: FeatureEntitlement, parent: FeatureEntitlement): FeatureEntitlement {
  if (parent.allowed) return own;
  if (!own.allowed && (own.reason === "disabled" || own.reason === "override")) return own;
  return { allowed: false, reason: "not_in_plan", requiresUpgrade: false };
}

export function computeEntitlements(input: EntitlementInput): Entitlements {
  const entitlement = (key: FeatureKey) => {
    const own = decide(key, input);
    const parent = input.parent?.features[key];
    return parent ? capByParent(own, parent) : own;
  };
  // Spelled out so that a new feature key is a type error here until it is decided.
  return {
    features: {
      premium_voices: entitlement("premium_voices"),
      custom_personas: entitlement("custom_personas"),
      voice_cloning: entitlement("voice_cloning"),
      advanced_analytics: entitlement("advanced_analytics"),
      remove_branding: entitlement("remove_branding"),
    },
  };
}

export function allowedFeatures(entitlements: Entitlements): FeatureKey[] {
  return featureKeys.filter((key) => entitlements.features[key].allowed);
}

export interface LoadedEntitlements extends Entitlements {
  /** The allowed features, in `featureKeys` order: what goes into the token's `ent`. */
  list: FeatureKey[];
}

/**
 * Reads a partner's plan, add-ons and flags and computes its entitlements, capped by its
 * reseller's (recursively; a parent link that loops back is ignored rather than followed).
 * A canceled subscription grants no plan features; add-ons still follow their own status.
 */
export async function loadEntitlements(
  database: Pick<Database, "db">,
  partnerId: string,
  now: Date,
  visited: ReadonlySet<string> = new Set(),
): Promise<LoadedEntitlements> {
  const { db } = database;
  const seen = new Set(visited).add(partnerId);
  const [partnerRows, planRows, addonRows, flagRows, overrideRows] = await Promise.all([
    db.select({ parentId: partners.parentId }).from(partners).where(eq(partners.id, partnerId)),
    db
      .select({ features: plans.features, status: subscriptions.status })
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .where(eq(subscriptions.partnerId, partnerId)),
    db
      .select({
        key: subscriptionAddons.addonKey,
        status: subscriptionAddons.status,
        billingStatus: subscriptionAddons.billingStatus,
        trialEndsAt: subscriptionAddons.trialEndsAt,
      })
      .from(subscriptionAddons)
      .where(eq(subscriptionAddons.partnerId, partnerId)),
    db.select({ key: featureFlags.key, enabled: featureFlags.enabled }).from(featureFlags),
    db
      .select({ key: featureFlagOverrides.flagKey, enabled: featureFlagOverrides.enabled })
      .from(featureFlagOverrides)
      .where(eq(featureFlagOverrides.partnerId, partnerId)),
  ]);
  const plan = planRows[0];
  const parentId = partnerRows[0]?.parentId ?? null;
  const parent =
    parentId && !seen.has(parentId) ? await loadEntitlements(database, parentId, now, seen) : null;

  const entitlements = computeEntitlements({
    planFeatures: plan && plan.status !== "canceled" ? plan.features : [],
    addons: addonRows,
    globalFlags: Object.fromEntries(flagRows.map((f) => [f.key, f.enabled])),
    overrides: Object.fromEntries(overrideRows.map((o) => [o.key, o.enabled])),
    parent,
    now,
  });
  return { ...entitlements, list: allowedFeatures(entitlements) };
}
