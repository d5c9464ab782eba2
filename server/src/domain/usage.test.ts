import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createHarness, createTestPartner } from "../../test/harness";
import { agents, subscriptionAddons, usageDaily, usageEvents, voiceSessions } from "../db/schema";
import { templateId } from "../db/seed/templates";
import { readQuota, reserveQuota } from "./quota";
import { decideSeconds, recordSessionCharacters, recordSessionUsage } from "./usage";

const h = await createHarness();
const t0 = new Date("2026-11-20T10:00:00Z");
const plan = { includedSeconds: 10_000, overageAllowed: false, maxConcurrentSessions: 10 };

async function session(provider: "elevenlabs" | "openai", addonRatePerMinute?: number) {
  const p = await createTestPartner(h);
  if (addonRatePerMinute !== undefined) {
    await h.database.db.insert(subscriptionAddons).values({
      id: h.services.newId("sad"),
      partnerId: p.id,
      addonKey: "premium_voices",
      status: "active",
      billingStatus: "paid",
      rateMicrosPerMinute: addonRatePerMinute,
    });
  }
  const agentId = h.services.newId("agt");
  await h.database.db.insert(agents).values({
    id: agentId,
    partnerId: p.id,
    name: "A",
    personaId: templateId("general"),
    voiceProvider: provider,
    voiceId: "v",
  });
  await reserveQuota(h.database, p.id, plan, 300, t0);
  const [row] = await h.database.db
    .insert(voiceSessions)
    .values({
      id: h.services.newId("ses"),
      partnerId: p.id,
      agentId,
      personaId: templateId("general"),
      provider,
      voiceId: "v",
      origin: "https://shop.example",
      status: "ended",
      reservedSeconds: 300,
      issuedAt: t0,
      expiresAt: new Date(t0.getTime() + 120_000),
      connectedAt: t0,
    })
    .returning();
  if (!row) throw new Error("no session");
  return row;
}

async function totals(partnerId: string) {
  const [daily] = await h.database.rows<{ sessions: number; seconds: number; cost: number }>(sql`
    select coalesce(sum(sessions), 0)::int as sessions, coalesce(sum(seconds), 0)::int as seconds,
           coalesce(sum(cost_micros), 0)::int as cost from usage_daily where partner_id = ${partnerId}`);
  const events = await h.database.db
    .select()
    .from(usageEvents)
    .where(eq(usageEvents.partnerId, partnerId));
  return { daily, events };
}

describe("usage recording", () => {
  it("replaces the provisional figure with the authoritative one, never adding them", async () => {
    const s = await session("openai");
    expect(
      await recordSessionUsage(h.services, s, { seconds: 100, provisional: true, occurredAt: t0 }),
    ).toBe(true);
    expect((await totals(s.partnerId)).daily).toEqual({ sessions: 1, seconds: 100, cost: 0 });
    expect(
      await recordSessionUsage(h.services, s, {
        seconds: 93,
        provisional: false,
        occurredAt: t0,
        idempotencyKey: "el:c1",
      }),
    ).toBe(true);
    const after = await totals(s.partnerId);
    expect(after.daily).toEqual({ sessions: 1, seconds: 93, cost: 0 });
    expect(after.events.map((e) => [e.provisional, e.quantity])).toEqual([[false, 93]]);
    expect((await readQuota(h.database, s.partnerId, t0))?.usedSeconds).toBe(93);
  });

  it("applies a replayed webhook once and ignores a provisional figure arriving late", async () => {
    const s = await session("openai");
    const final = { seconds: 50, provisional: false, occurredAt: t0, idempotencyKey: "el:c2" };
    expect(await recordSessionUsage(h.services, s, final)).toBe(true);
    expect(await recordSessionUsage(h.services, s, final)).toBe(false);
    expect(
      await recordSessionUsage(h.services, s, { seconds: 70, provisional: true, occurredAt: t0 }),
    ).toBe(false);
    expect((await totals(s.partnerId)).daily).toEqual({ sessions: 1, seconds: 50, cost: 0 });
  });

  it("prices premium seconds at the partner's add-on rate, else at the rates table", async () => {
    const custom = await session("elevenlabs", 240_000);
    await recordSessionUsage(h.services, custom, {
      seconds: 30,
      provisional: false,
      occurredAt: t0,
    });
    expect((await totals(custom.partnerId)).daily?.cost).toBe(120_000);
    const standardRate = await session("elevenlabs");
    await recordSessionUsage(h.services, standardRate, {
      seconds: 30,
      provisional: false,
      occurredAt: t0,
    });
    expect((await totals(standardRate.partnerId)).daily?.cost).toBe(60_000);
    const [row] = await h.database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.id, custom.id));
    expect(row).toMatchObject({ costMicros: 120_000, durationSeconds: 30 });
  });

  it("keeps the rollup equal to the sum of events under concurrent provisional and final writes", async () => {
    const s = await session("openai");
    await Promise.all([
      recordSessionUsage(h.services, s, { seconds: 40, provisional: true, occurredAt: t0 }),
      recordSessionUsage(h.services, s, {
        seconds: 42,
        provisional: false,
        occurredAt: t0,
        idempotencyKey: "el:c3",
      }),
    ]);
    const { daily, events } = await totals(s.partnerId);
    expect(events).toHaveLength(1);
    expect(events[0]?.provisional).toBe(false);
    expect(daily).toEqual({ sessions: 1, seconds: 42, cost: 0 });
    const rollups = await h.database.db
      .select()
      .from(usageDaily)
      .where(and(eq(usageDaily.partnerId, s.partnerId)));
    expect(rollups).toHaveLength(1);
  });

  it("meters premium characters at $0.30 per 1,000, once, and not for standard voices", async () => {
    const s = await session("elevenlabs");
    const input = { characters: 1000, occurredAt: t0, idempotencyKey: "el:c9:characters" };
    expect(await recordSessionCharacters(h.services, s, input)).toBe(true);
    expect(await recordSessionCharacters(h.services, s, input)).toBe(false);
    const [row] = await h.database.rows<{ characters: number; cost: number }>(sql`
      select sum(characters)::int as characters, sum(cost_micros)::int as cost
        from usage_daily where partner_id = ${s.partnerId}`);
    expect(row).toEqual({ characters: 1000, cost: 300_000 });
    const standard = await session("openai");
    expect(
      await recordSessionCharacters(h.services, standard, { ...input, idempotencyKey: "x" }),
    ).toBe(false);
  });

  it("decides a seconds figure from the session's events: replay, late, replacement or new", () => {
    const provisional = { id: "use_p", idempotencyKey: "prov:s", provisional: true };
    const final = { id: "use_f", idempotencyKey: "el:c", provisional: false };
    expect(decideSeconds([], { provisional: true, idempotencyKey: "prov:s" })).toEqual({
      apply: true,
      replaces: null,
    });
    expect(decideSeconds([provisional], { provisional: false, idempotencyKey: "el:c" })).toEqual({
      apply: true,
      replaces: "use_p",
    });
    expect(decideSeconds([provisional], { provisional: true, idempotencyKey: "prov:s" })).toEqual({
      apply: false,
    });
    expect(decideSeconds([final], { provisional: true, idempotencyKey: "prov:s" })).toEqual({
      apply: false,
    });
    expect(decideSeconds([final], { provisional: false, idempotencyKey: "el:other" })).toEqual({
      apply: false,
    });
  });
});
