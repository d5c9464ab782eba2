/** Rule 6 (provider health), rule 7 (quota, concurrency) and the rate limit. */
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createHarness, createTestPartner, expectProblem } from "../../../test/harness";
import {
  createAgent,
  grantAddon,
  issued,
  premiumAgent,
  startSession,
} from "../../../test/widget-helpers";
import { voiceSessions } from "../../db/schema";

describe("provider health", () => {
  it("falls back with provider_down when ElevenLabs is down, or answers 503 provider_unavailable", async () => {
    const h = await createHarness({
      override: (s) => ({
        providers: {
          ...s.providers,
          elevenlabs: { ...s.providers.elevenlabs, healthy: () => false },
        },
      }),
    });
    const p = await createTestPartner(h, { planId: "pro" });
    await grantAddon(h, p.id, "premium_voices");
    const withFallback = await premiumAgent(p);
    const s = await issued(h, p.publishableKey, withFallback.id);
    expect(s.voice.fallbackFrom).toBe("elevenlabs");
    const [row] = await h.database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.id, s.session.id));
    expect(row?.fallbackReason).toBe("provider_down");
    const noFallback = await premiumAgent(p, { fallbackEnabled: false });
    const res = await startSession(h, p.publishableKey, noFallback.id);
    await expectProblem(res, 503, "provider_unavailable");
    expect(res.headers.get("retry-after")).toBeTruthy();
  });
});

describe("quota", () => {
  it("answers 429 too_many_sessions past the plan's concurrent cap (free: 2)", async () => {
    const h = await createHarness();
    const p = await createTestPartner(h, { planId: "free" });
    const a = await createAgent(p, { maxDurationSeconds: 60 });
    await issued(h, p.publishableKey, a.id);
    await issued(h, p.publishableKey, a.id);
    await expectProblem(await startSession(h, p.publishableKey, a.id), 429, "too_many_sessions");
  });

  it("answers 429 quota_exceeded when the included minutes are used, and grants what is left", async () => {
    const h = await createHarness();
    const p = await createTestPartner(h, { planId: "free" });
    const a = await createAgent(p, { maxDurationSeconds: 600 });
    const first = await issued(h, p.publishableKey, a.id);
    // Free includes 3600 s: use all but 100 of what the first session did not reserve.
    await h.database.rows(
      sql`update quota_counters set used_seconds = ${3600 - 600 - 100} where partner_id = ${p.id}`,
    );
    const second = await issued(h, p.publishableKey, a.id);
    expect(second.limits.maxDurationSeconds).toBe(100);
    await h.database.rows(
      sql`update quota_counters set live_sessions = 0 where partner_id = ${p.id}`,
    );
    await expectProblem(await startSession(h, p.publishableKey, a.id), 429, "quota_exceeded");
    expect(first.limits.maxDurationSeconds).toBe(600);
  });
});

describe("rate limit", () => {
  it("answers 429 rate_limited with Retry-After per key and client IP", async () => {
    const h = await createHarness({
      rateLimit: { limit: 2, windowSeconds: 60 },
      env: { TRUST_PROXY: "true" },
    });
    const p = await createTestPartner(h, { planId: "pro" });
    const a = await createAgent(p);
    expect((await startSession(h, p.publishableKey, a.id, { ip: "203.0.113.7" })).status).toBe(201);
    expect((await startSession(h, p.publishableKey, a.id, { ip: "203.0.113.7" })).status).toBe(201);
    const limited = await startSession(h, p.publishableKey, a.id, { ip: "203.0.113.7" });
    await expectProblem(limited, 429, "rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await startSession(h, p.publishableKey, a.id, { ip: "198.51.100.1" })).status).toBe(
      201,
    );
  });
});
