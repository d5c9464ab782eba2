import { Feature, type FeatureCheck } from "@parley/types";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestMember,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestPartner,
} from "../../../test/harness";
import type { Db } from "../../db/client";
import { featureFlagOverrides, featureFlags, subscriptionAddons } from "../../db/schema";
import { featureKeys } from "../../domain/entitlements";

const now = new Date("2026-11-20T10:00:00Z");
const day = 86_400_000;
let h: Harness;
/** While set, every request runs inside this transaction (see `withRollback`). */
let inTx: Db | null = null;

beforeAll(async () => {
  h = await createHarness({
    now: () => now,
    override: (s) => ({
      database: {
        ...s.database,
        get db() {
          return inTx ?? s.database.db;
        },
      },
    }),
  });
});

/**
 * Global flags are shared by every test file on a real Postgres; a change made inside a
 * transaction that is rolled back is seen by this file's requests and nobody else's.
 */
async function withRollback(fn: (tx: Db) => Promise<void>) {
  const rollback = new Error("rollback");
  await h.database.db
    .transaction(async (tx) => {
      inTx = tx;
      try {
        await fn(tx);
      } finally {
        inTx = null;
      }
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
}

async function check(p: TestPartner, feature: string) {
  const res = await p.request("POST", "/v1/feature-flags/check", { feature });
  expect(res.status).toBe(200);
  return (await res.json()) as FeatureCheck;
}

async function addon(partnerId: string, values: Partial<typeof subscriptionAddons.$inferInsert>) {
  await h.database.db.insert(subscriptionAddons).values({
    id: h.services.newId("sad"),
    partnerId,
    addonKey: "premium_voices",
    ...values,
  });
}

describe("POST /v1/feature-flags/check", () => {
  let pro: TestPartner;
  beforeAll(async () => {
    pro = await createTestPartner(h, { name: "Pro", planId: "pro" });
  });

  it("knows exactly the server's features", () => {
    expect([...Feature.options].sort()).toEqual([...featureKeys].sort());
  });

  it("allows a feature of the plan whose global flag is on (reason global)", async () => {
    expect(await check(pro, "custom_personas")).toEqual({
      allowed: true,
      reason: "global",
      requiresUpgrade: false,
    });
  });

  it("refuses a feature outside the plan with requiresUpgrade (reason not_in_plan)", async () => {
    expect(await check(pro, "premium_voices")).toEqual({
      allowed: false,
      reason: "not_in_plan",
      requiresUpgrade: true,
    });
  });

  it("follows the partner's own flag either way (reason override)", async () => {
    const p = await createTestPartner(h, { name: "Overridden", planId: "pro" });
    await h.database.db
      .insert(featureFlagOverrides)
      .values({ partnerId: p.id, flagKey: "advanced_analytics", enabled: false });
    expect(await check(p, "advanced_analytics")).toEqual({
      allowed: false,
      reason: "override",
      requiresUpgrade: false,
    });
    await h.database.db
      .update(featureFlagOverrides)
      .set({ enabled: true })
      .where(eq(featureFlagOverrides.partnerId, p.id));
    expect(await check(p, "advanced_analytics")).toMatchObject({
      allowed: true,
      reason: "override",
    });
    // An override never grants what was not bought.
    await h.database.db
      .insert(featureFlagOverrides)
      .values({ partnerId: p.id, flagKey: "voice_cloning", enabled: true });
    expect(await check(p, "voice_cloning")).toMatchObject({
      allowed: false,
      reason: "not_in_plan",
    });
  });

  it("refuses a bought feature whose global flag is off (reason disabled)", async () => {
    const p = await createTestPartner(h, { name: "Enterprise", planId: "enterprise" });
    await withRollback(async (tx) => {
      await tx
        .update(featureFlags)
        .set({ enabled: false })
        .where(eq(featureFlags.key, "voice_cloning"));
      expect(await check(p, "voice_cloning")).toEqual({
        allowed: false,
        reason: "disabled",
        requiresUpgrade: false,
      });
    });
    expect(await check(p, "voice_cloning")).toMatchObject({ allowed: true, reason: "global" });
  });

  it("counts a running trial and says trial_expired once it ends", async () => {
    const running = await createTestPartner(h, { name: "Trial", planId: "starter" });
    await addon(running.id, { billingStatus: "trial", trialEndsAt: new Date(now.getTime() + day) });
    expect(await check(running, "premium_voices")).toMatchObject({
      allowed: true,
      reason: "global",
    });

    const ended = await createTestPartner(h, { name: "Ended", planId: "starter" });
    await addon(ended.id, { billingStatus: "trial", trialEndsAt: new Date(now.getTime() - day) });
    expect(await check(ended, "premium_voices")).toEqual({
      allowed: false,
      reason: "trial_expired",
      requiresUpgrade: true,
    });
  });

  it.each([
    [{ feature: "teleportation" }, "feature"],
    [{ feature: 42 }, "feature"],
    [{}, "feature"],
    [{ feature: "premium_voices", partnerId: "ptn_x" }, ""],
  ])("rejects %j with 400 validation_failed", async (body, path) => {
    const res = await pro.request("POST", "/v1/feature-flags/check", body);
    const problem = await expectProblem(res, 400, "validation_failed");
    if (path) expect((problem.errors as { path: string }[]).map((e) => e.path)).toContain(path);
  });

  it("rejects malformed JSON and a form body", async () => {
    await expectProblem(
      await pro.request("POST", "/v1/feature-flags/check", "{nope"),
      400,
      "validation_failed",
    );
    await expectProblem(
      await pro.request("POST", "/v1/feature-flags/check", "feature=x", {
        "content-type": "application/x-www-form-urlencoded",
      }),
      415,
      "unsupported_media_type",
    );
  });

  it("answers for the caller's own account only, and needs a key", async () => {
    const enterprise = await createTestPartner(h, { name: "Rich", planId: "enterprise" });
    expect((await check(enterprise, "premium_voices")).allowed).toBe(true);
    expect((await check(pro, "premium_voices")).allowed).toBe(false);
    const res = await h.app.request("/v1/feature-flags/check", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ feature: "premium_voices" }),
    });
    await expectProblem(res, 401, "unauthorized");
  });

  it("lets a dashboard viewer ask (a POST that only reads)", async () => {
    const viewer = await createTestMember(h, pro.id, "viewer");
    const res = await viewer.request("POST", "/v1/feature-flags/check", {
      feature: "custom_personas",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ allowed: true });
  });
});
