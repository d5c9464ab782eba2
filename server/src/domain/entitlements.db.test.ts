import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createHarness, createTestPartner, type Harness } from "../../test/harness";
import { featureFlagOverrides, partners, subscriptionAddons, subscriptions } from "../db/schema";
import { type AddonState, type FeatureKey, loadEntitlements } from "./entitlements";

const now = new Date("2025-06-01T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ now: () => now });
});

const partner = async (planId: string, parentId: string | null = null) =>
  (await createTestPartner(h, { planId, parentId, isReseller: parentId === null })).id;

async function addAddon(partnerId: string, patch: Partial<AddonState> & { key: FeatureKey }) {
  await h.database.db.insert(subscriptionAddons).values({
    id: h.services.newId("sad"),
    partnerId,
    addonKey: patch.key,
    status: patch.status ?? "active",
    billingStatus: patch.billingStatus ?? "paid",
    trialEndsAt: patch.trialEndsAt ?? null,
  });
}

async function override(partnerId: string, flagKey: FeatureKey, enabled: boolean) {
  await h.database.db.insert(featureFlagOverrides).values({ partnerId, flagKey, enabled });
}

describe("loadEntitlements", () => {
  it("grants the plan's features and lists them in feature-key order", async () => {
    const id = await partner("pro");
    const result = await loadEntitlements(h.database, id, now);
    expect(result.list).toEqual(["custom_personas", "advanced_analytics"]);
    expect(result.features.custom_personas).toEqual({
      allowed: true,
      reason: "global",
      requiresUpgrade: false,
    });
    expect(result.features.premium_voices).toEqual({
      allowed: false,
      reason: "not_in_plan",
      requiresUpgrade: true,
    });
  });

  it("grants an add-on during its trial and reports trial_expired after it", async () => {
    const id = await partner("free");
    await addAddon(id, { key: "premium_voices", billingStatus: "trial", trialEndsAt: days(14) });
    // The free plan includes custom_personas; the trial adds premium_voices until it ends.
    expect((await loadEntitlements(h.database, id, now)).list).toEqual([
      "premium_voices",
      "custom_personas",
    ]);
    const after = await loadEntitlements(h.database, id, days(15));
    expect(after.list).toEqual(["custom_personas"]);
    expect(after.features.premium_voices).toEqual({
      allowed: false,
      reason: "trial_expired",
      requiresUpgrade: true,
    });
  });

  it("counts paid add-ons but not unpaid or canceled ones", async () => {
    const id = await partner("free");
    await addAddon(id, { key: "voice_cloning" });
    await addAddon(id, { key: "remove_branding", billingStatus: "unpaid" });
    await addAddon(id, { key: "advanced_analytics", status: "canceled" });
    const result = await loadEntitlements(h.database, id, now);
    expect(result.list).toEqual(["custom_personas", "voice_cloning"]);
    expect(result.features.remove_branding.reason).toBe("not_in_plan");
  });

  it("applies the partner's own flag overrides and no one else's", async () => {
    const id = await partner("pro");
    const neighbour = await partner("pro");
    await override(id, "advanced_analytics", false);
    // An override cannot grant what the plan lacks.
    await override(id, "remove_branding", true);
    const result = await loadEntitlements(h.database, id, now);
    expect(result.list).toEqual(["custom_personas"]);
    expect(result.features.advanced_analytics).toEqual({
      allowed: false,
      reason: "override",
      requiresUpgrade: false,
    });
    expect(result.features.remove_branding.reason).toBe("not_in_plan");
    expect((await loadEntitlements(h.database, neighbour, now)).list).toEqual([
      "custom_personas",
      "advanced_analytics",
    ]);
  });

  it("caps a sub-account at what its reseller has", async () => {
    const reseller = await partner("starter");
    const sub = await partner("enterprise", reseller);
    const result = await loadEntitlements(h.database, sub, now);
    expect(result.list).toEqual(["custom_personas"]);
    expect(result.features.premium_voices).toEqual({
      allowed: false,
      reason: "not_in_plan",
      requiresUpgrade: false,
    });

    await addAddon(reseller, {
      key: "premium_voices",
      billingStatus: "trial",
      trialEndsAt: days(14),
    });
    expect((await loadEntitlements(h.database, sub, now)).list).toEqual([
      "premium_voices",
      "custom_personas",
    ]);
    expect((await loadEntitlements(h.database, sub, days(20))).list).toEqual(["custom_personas"]);
  });

  it("caps through every level of resellers", async () => {
    const top = await partner("pro");
    const middle = await partner("enterprise", top);
    const bottom = await partner("enterprise", middle);
    expect((await loadEntitlements(h.database, bottom, now)).list).toEqual([
      "custom_personas",
      "advanced_analytics",
    ]);
  });

  it("stops at a parent link that loops back instead of recursing forever", async () => {
    const a = await partner("enterprise");
    const b = await partner("starter", a);
    await h.database.db.update(partners).set({ parentId: b }).where(eq(partners.id, a));
    expect((await loadEntitlements(h.database, a, now)).list).toEqual(["custom_personas"]);
    expect((await loadEntitlements(h.database, b, now)).list).toEqual(["custom_personas"]);
    const self = await partner("enterprise");
    await h.database.db.update(partners).set({ parentId: self }).where(eq(partners.id, self));
    expect((await loadEntitlements(h.database, self, now)).list).toHaveLength(5);
  });

  it("grants no plan features on a canceled subscription", async () => {
    const id = await partner("enterprise");
    await addAddon(id, { key: "premium_voices" });
    await h.database.db
      .update(subscriptions)
      .set({ status: "canceled" })
      .where(eq(subscriptions.partnerId, id));
    expect((await loadEntitlements(h.database, id, now)).list).toEqual(["premium_voices"]);
  });

  it("grants nothing to a partner that does not exist", async () => {
    const result = await loadEntitlements(h.database, "ptn_missing", now);
    expect(result.list).toEqual([]);
    expect(result.features.custom_personas.reason).toBe("not_in_plan");
  });
});
