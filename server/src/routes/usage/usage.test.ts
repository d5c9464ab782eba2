import type { UsageReport } from "@parley/types";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestMember,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestPartner,
} from "../../../test/harness";
import { usageDaily, usageEvents } from "../../db/schema";
import { addUsedSeconds, reserveQuota } from "../../domain/quota";

const now = new Date("2026-11-20T10:00:00Z");
let h: Harness;
let p: TestPartner;
let other: TestPartner;

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

type Rollup = {
  agentId: string;
  provider: "elevenlabs" | "openai";
  day: string;
  sessions: number;
  seconds: number;
  characters?: number;
  costMicros: number;
};

async function rollup(partnerId: string, rows: Rollup[]) {
  await h.database.db
    .insert(usageDaily)
    .values(rows.map((r) => ({ characters: 0, ...r, partnerId })));
}

const novemberRows: Rollup[] = [
  {
    agentId: "agt_a",
    provider: "openai",
    day: "2026-11-01",
    sessions: 2,
    seconds: 120,
    costMicros: 0,
  },
  {
    agentId: "agt_a",
    provider: "elevenlabs",
    day: "2026-11-01",
    sessions: 1,
    seconds: 300,
    costMicros: 4500,
  },
  {
    agentId: "agt_b",
    provider: "openai",
    day: "2026-11-03",
    sessions: 4,
    seconds: 900,
    characters: 77,
    costMicros: 0,
  },
  {
    agentId: "agt_b",
    provider: "elevenlabs",
    day: "2026-11-30",
    sessions: 1,
    seconds: 61,
    costMicros: 915,
  },
  {
    agentId: "agt_a",
    provider: "openai",
    day: "2026-11-20",
    sessions: 3,
    seconds: 45,
    costMicros: 0,
  },
];

beforeAll(async () => {
  h = await createHarness({ now: () => now });
  p = await createTestPartner(h, { name: "Usage partner" });
  other = await createTestPartner(h, { name: "Other partner" });
  await rollup(p.id, [
    ...novemberRows,
    // Outside the current period: only counted when the range asks for it.
    {
      agentId: "agt_a",
      provider: "openai",
      day: "2026-10-31",
      sessions: 1,
      seconds: 1000,
      costMicros: 0,
    },
    {
      agentId: "agt_a",
      provider: "openai",
      day: "2026-12-01",
      sessions: 1,
      seconds: 2000,
      costMicros: 0,
    },
  ]);
  await rollup(other.id, [
    {
      agentId: "agt_x",
      provider: "openai",
      day: "2026-11-05",
      sessions: 9,
      seconds: 9999,
      costMicros: 1,
    },
  ]);
  // A raw event with no rollup: a report that read events would count it.
  await h.database.db.insert(usageEvents).values({
    id: h.services.newId("use"),
    partnerId: p.id,
    agentId: "agt_a",
    provider: "openai",
    kind: "seconds",
    quantity: 50_000,
    idempotencyKey: `stray:${p.id}`,
    occurredAt: now,
  });
});

async function report(partner: TestPartner, query = "") {
  const res = await partner.request("GET", `/v1/usage${query}`);
  expect(res.status).toBe(200);
  return json<UsageReport>(res);
}

/** What the rollup table itself says for the partner over a range, summed by SQL. */
async function rollupTotals(partnerId: string, from: string, to: string) {
  const [row] = await h.database.rows<{ sessions: number; seconds: number; cost: number }>(sql`
    select coalesce(sum(sessions), 0)::float8 as sessions, coalesce(sum(seconds), 0)::float8 as seconds,
           coalesce(sum(cost_micros), 0)::float8 as cost
      from usage_daily where partner_id = ${partnerId} and day between ${from}::date and ${to}::date`);
  return {
    sessions: Number(row?.sessions),
    seconds: Number(row?.seconds),
    costMicros: Number(row?.cost),
  };
}

describe("GET /v1/usage", () => {
  it("defaults to the current billing period and sums the rollups by day, oldest first", async () => {
    const body = await report(p);
    expect(body).toMatchObject({ from: "2026-11-01", to: "2026-11-30", groupBy: "day" });
    expect(body.data).toEqual([
      { key: "2026-11-01", sessions: 3, seconds: 420, characters: 0, costMicros: 4500 },
      { key: "2026-11-03", sessions: 4, seconds: 900, characters: 77, costMicros: 0 },
      { key: "2026-11-20", sessions: 3, seconds: 45, characters: 0, costMicros: 0 },
      { key: "2026-11-30", sessions: 1, seconds: 61, characters: 0, costMicros: 915 },
    ]);
    expect(body.totals).toEqual({ sessions: 11, seconds: 1426, characters: 77, costMicros: 5415 });
    expect(body.series).toBeUndefined();
  });

  it("answers totals equal to the rollup table, whatever the grouping, and ignores raw events", async () => {
    const expected = await rollupTotals(p.id, "2026-11-01", "2026-11-30");
    for (const groupBy of ["day", "agent", "provider"]) {
      const body = await report(p, `?groupBy=${groupBy}`);
      expect(body.totals).toMatchObject(expected);
      const summed = body.data.reduce((a, r) => a + r.seconds, 0);
      expect(summed).toBe(expected.seconds);
    }
  });

  it("groups by agent and by provider, most used first", async () => {
    const byAgent = await report(p, "?groupBy=agent");
    expect(byAgent.data.map((r) => [r.key, r.seconds])).toEqual([
      ["agt_b", 961],
      ["agt_a", 465],
    ]);
    const byProvider = await report(p, "?groupBy=provider");
    expect(byProvider.data).toEqual([
      { key: "openai", sessions: 9, seconds: 1065, characters: 77, costMicros: 0 },
      { key: "elevenlabs", sessions: 2, seconds: 361, characters: 0, costMicros: 5415 },
    ]);
  });

  it("honours an explicit inclusive range across periods", async () => {
    const body = await report(p, "?from=2026-10-31&to=2026-12-01");
    expect(body.data.map((r) => r.key)).toEqual([
      "2026-10-31",
      "2026-11-01",
      "2026-11-03",
      "2026-11-20",
      "2026-11-30",
      "2026-12-01",
    ]);
    expect(body.totals.seconds).toBe(1426 + 3000);
    const oneDay = await report(p, "?from=2026-11-03&to=2026-11-03");
    expect(oneDay.totals).toMatchObject({ sessions: 4, seconds: 900 });
  });

  it("stacks seconds per day by agent or provider with every day of the range", async () => {
    const body = await report(p, "?from=2026-11-01&to=2026-11-03&split=agent");
    expect(body.series).toEqual([
      {
        key: "agt_a",
        data: [
          { day: "2026-11-01", seconds: 420 },
          { day: "2026-11-02", seconds: 0 },
          { day: "2026-11-03", seconds: 0 },
        ],
      },
      {
        key: "agt_b",
        data: [
          { day: "2026-11-01", seconds: 0 },
          { day: "2026-11-02", seconds: 0 },
          { day: "2026-11-03", seconds: 900 },
        ],
      },
    ]);
    const byProvider = await report(p, "?split=provider");
    expect(byProvider.series?.map((s) => s.key)).toEqual(["elevenlabs", "openai"]);
    for (const series of byProvider.series ?? []) expect(series.data).toHaveLength(30);
    const stacked = (byProvider.series ?? []).reduce(
      (a, s) => a + s.data.reduce((b, d) => b + d.seconds, 0),
      0,
    );
    expect(stacked).toBe(byProvider.totals.seconds);
  });

  it("never shows another partner's usage", async () => {
    const mine = await report(p, "?groupBy=agent");
    expect(mine.data.map((r) => r.key)).not.toContain("agt_x");
    const theirs = await report(other, "?groupBy=agent");
    expect(theirs.data).toEqual([
      { key: "agt_x", sessions: 9, seconds: 9999, characters: 0, costMicros: 1 },
    ]);
  });

  it("reports the plan's allowance and nothing used before the period's first session", async () => {
    const fresh = await createTestPartner(h, { name: "Fresh", planId: "starter" });
    const body = await report(fresh);
    expect(body.data).toEqual([]);
    expect(body.totals).toEqual({ sessions: 0, seconds: 0, characters: 0, costMicros: 0 });
    expect(body.quota).toEqual({ includedSeconds: 500 * 60, usedSeconds: 0, reservedSeconds: 0 });
  });

  it("reports the period's quota counter: included, used and reserved seconds", async () => {
    const plan = { includedSeconds: 3600, overageAllowed: false, maxConcurrentSessions: 5 };
    await reserveQuota(h.database, p.id, plan, 300, now);
    await addUsedSeconds(h.database, p.id, "2026-11-01", 1426);
    const body = await report(p);
    expect(body.quota).toEqual({ includedSeconds: 3600, usedSeconds: 1426, reservedSeconds: 300 });
    // Last period's counter does not leak into this one.
    const counters = await h.database.rows<{ n: number }>(
      sql`select count(*)::int as n from quota_counters where partner_id = ${p.id}`,
    );
    expect(Number(counters[0]?.n)).toBe(1);
  });

  it("accepts a range of exactly 366 days", async () => {
    const body = await report(p, "?from=2025-11-20&to=2026-11-20");
    expect(body.totals.seconds).toBe(1000 + 120 + 300 + 900 + 45);
  });

  it.each([
    ["to", "?from=2026-11-10&to=2026-11-09"],
    ["to", "?from=2025-11-19&to=2026-11-20"],
    ["to", "?from=2020-01-01"],
    ["from", "?from=2026-13-01"],
    ["from", "?from=yesterday"],
    ["to", "?to=2026-11-31T00:00:00Z"],
    ["groupBy", "?groupBy=week"],
    ["split", "?groupBy=agent&split=provider"],
    ["split", "?split=day"],
  ])("rejects a bad %s (%s) with 400 validation_failed", async (path, query) => {
    const body = await expectProblem(
      await p.request("GET", `/v1/usage${query}`),
      400,
      "validation_failed",
    );
    expect((body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
  });

  it("asks for a key: 401 without one, 401 invalid_key for a publishable key", async () => {
    await expectProblem(await h.app.request("/v1/usage"), 401, "unauthorized");
    await expectProblem(
      await h.app.request("/v1/usage", {
        headers: { authorization: `Bearer ${p.publishableKey}` },
      }),
      401,
      "invalid_key",
    );
  });

  it("lets a viewer of the dashboard read usage", async () => {
    const viewer = await createTestMember(h, p.id, "viewer");
    const res = await viewer.request("GET", "/v1/usage?groupBy=provider");
    expect(res.status).toBe(200);
    expect((await json<UsageReport>(res)).totals.seconds).toBe(1426);
  });

  it("is described in /openapi.json with its query parameters", async () => {
    const doc = await json<{
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    }>(await h.app.request("/openapi.json"));
    const names = doc.paths["/v1/usage"]?.get?.parameters?.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["from", "to", "groupBy", "split"]));
  });
});
