import { describe, expect, it } from "vitest";
import {
  type AddonState,
  allowedFeatures,
  computeEntitlements,
  type EntitlementInput,
  type Entitlements,
  type FeatureEntitlement,
  featureKeys,
} from "./entitlements";

const now = new Date("2025-06-01T12:00:00Z");
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);
const allOn = Object.fromEntries(featureKeys.map((k) => [k, true]));

function input(patch: Partial<EntitlementInput> = {}): EntitlementInput {
  return { planFeatures: [], addons: [], globalFlags: allOn, overrides: {}, now, ...patch };
}

const addon = (patch: Partial<AddonState> = {}): AddonState => ({
  key: "premium_voices",
  status: "active",
  billingStatus: "paid",
  trialEndsAt: null,
  ...patch,
});

const allowed = (reason: "override" | "global"): FeatureEntitlement => ({
  allowed: true,
  reason,
  requiresUpgrade: false,
});
const denied = (
  reason: FeatureEntitlement["reason"],
  requiresUpgrade: boolean,
): FeatureEntitlement => ({ allowed: false, reason, requiresUpgrade });

/** The reseller's result, with `premium_voices` set to `entitlement`, the rest allowed. */
const parentWith = (entitlement: FeatureEntitlement): Entitlements => {
  const all = computeEntitlements(input({ planFeatures: [...featureKeys] }));
  return { features: { ...all.features, premium_voices: entitlement } };
};

describe("computeEntitlements decides premium_voices", () => {
  const inPlan = { planFeatures: ["premium_voices"] };

  it.each<[string, Partial<EntitlementInput>, FeatureEntitlement]>([
    ["in the plan and switched on globally", inPlan, allowed("global")],
    [
      "in the plan but switched off globally",
      { ...inPlan, globalFlags: { ...allOn, premium_voices: false } },
      denied("disabled", false),
    ],
    [
      "in the plan with no global flag at all",
      { ...inPlan, globalFlags: {} },
      denied("disabled", false),
    ],
    [
      "in the plan, off globally, switched on for the partner",
      { ...inPlan, globalFlags: {}, overrides: { premium_voices: true } },
      allowed("override"),
    ],
    [
      "in the plan, on globally, switched off for the partner",
      { ...inPlan, overrides: { premium_voices: false } },
      denied("override", false),
    ],
    ["not in the plan and no add-on", {}, denied("not_in_plan", true)],
    [
      "not in the plan even when an override switches it on",
      { overrides: { premium_voices: true } },
      denied("not_in_plan", true),
    ],
    ["a paid active add-on", { addons: [addon()] }, allowed("global")],
    [
      "a paid active add-on, partner override off",
      { addons: [addon()], overrides: { premium_voices: false } },
      denied("override", false),
    ],
    [
      "an active add-on in a running trial",
      { addons: [addon({ billingStatus: "trial", trialEndsAt: later(3) })] },
      allowed("global"),
    ],
    [
      "an active add-on whose trial has ended",
      { addons: [addon({ billingStatus: "trial", trialEndsAt: later(-1) })] },
      denied("trial_expired", true),
    ],
    [
      "an active add-on whose trial ends this very instant",
      { addons: [addon({ billingStatus: "trial", trialEndsAt: now })] },
      denied("trial_expired", true),
    ],
    [
      "an active trial add-on with no end date",
      { addons: [addon({ billingStatus: "trial", trialEndsAt: null })] },
      denied("trial_expired", true),
    ],
    [
      "a canceled add-on whose trial has ended",
      { addons: [addon({ status: "canceled", billingStatus: "trial", trialEndsAt: later(-1) })] },
      denied("trial_expired", true),
    ],
    [
      "an active but unpaid add-on",
      { addons: [addon({ billingStatus: "unpaid" })] },
      denied("not_in_plan", true),
    ],
    [
      "a canceled paid add-on",
      { addons: [addon({ status: "canceled" })] },
      denied("not_in_plan", true),
    ],
    [
      "a canceled add-on in a running trial",
      { addons: [addon({ status: "canceled", billingStatus: "trial", trialEndsAt: later(3) })] },
      denied("not_in_plan", true),
    ],
    [
      "an add-on for another feature",
      { addons: [addon({ key: "voice_cloning" })] },
      denied("not_in_plan", true),
    ],
    [
      "in the plan while an old add-on trial has ended",
      { ...inPlan, addons: [addon({ billingStatus: "trial", trialEndsAt: later(-1) })] },
      allowed("global"),
    ],
    [
      "a sub-account with it whose reseller has it",
      { ...inPlan, parent: parentWith(allowed("global")) },
      allowed("global"),
    ],
    [
      "a sub-account with it whose reseller lacks it in the plan",
      { ...inPlan, parent: parentWith(denied("not_in_plan", true)) },
      denied("not_in_plan", false),
    ],
    [
      "a sub-account with it whose reseller's trial ended",
      { addons: [addon()], parent: parentWith(denied("trial_expired", true)) },
      denied("not_in_plan", false),
    ],
    [
      "a sub-account with it whose reseller has it switched off",
      { ...inPlan, parent: parentWith(denied("override", false)) },
      denied("not_in_plan", false),
    ],
    [
      "a sub-account without it whose reseller lacks it too",
      { parent: parentWith(denied("not_in_plan", true)) },
      denied("not_in_plan", false),
    ],
    [
      "a sub-account without it whose reseller has it",
      { parent: parentWith(allowed("global")) },
      denied("not_in_plan", true),
    ],
    [
      "a sub-account whose own override is off and whose reseller lacks it",
      {
        ...inPlan,
        overrides: { premium_voices: false },
        parent: parentWith(denied("not_in_plan", true)),
      },
      denied("override", false),
    ],
    [
      "a sub-account where it is off globally and the reseller lacks it",
      { ...inPlan, globalFlags: {}, parent: parentWith(denied("disabled", false)) },
      denied("disabled", false),
    ],
  ])("%s", (_, patch, expected) => {
    expect(computeEntitlements(input(patch)).features.premium_voices).toEqual(expected);
  });
});

describe("computeEntitlements", () => {
  it("decides every feature key independently", () => {
    const result = computeEntitlements(
      input({
        planFeatures: ["custom_personas", "advanced_analytics"],
        addons: [addon({ key: "voice_cloning" })],
        globalFlags: { ...allOn, remove_branding: false },
        overrides: { advanced_analytics: false },
      }),
    );
    expect(Object.keys(result.features).sort()).toEqual([...featureKeys].sort());
    expect(result.features).toEqual({
      premium_voices: denied("not_in_plan", true),
      custom_personas: allowed("global"),
      voice_cloning: allowed("global"),
      advanced_analytics: denied("override", false),
      remove_branding: denied("not_in_plan", true),
    });
    expect(allowedFeatures(result)).toEqual(["custom_personas", "voice_cloning"]);
  });

  it("ignores plan features that are not feature keys", () => {
    const result = computeEntitlements(input({ planFeatures: ["teleportation"] }));
    expect(allowedFeatures(result)).toEqual([]);
    expect(result.features).not.toHaveProperty("teleportation");
  });
});
