import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness } from "../../../test/harness";
import { newApp } from "../../app";
import { keyPattern } from "../../auth/keys";
import { verifyPassword } from "../../auth/passwords";
import { loadEntitlements } from "../../domain/entitlements";
import { isOpen } from "../../domain/working-hours";
import type { Services } from "../../services";
import type { Database } from "../client";
import {
  agents,
  apiKeys,
  brands,
  memberships,
  partners,
  quotaCounters,
  subscriptionAddons,
  subscriptions,
  usageDaily,
  usageEvents,
  users,
  voiceSessions,
} from "../schema";
import { type DemoInfo, demoNames, seedDemo, writeDemoFile } from "./demo";
import { buildHistory, mulberry32 } from "./demo-history";
import { demoScripts } from "./demo-scripts";

const now = new Date("2026-03-18T12:00:00.000Z");
const publicUrl = "http://localhost:8787";
let database: Database;
let services: Services;
let dir: string;
let demoFile: string;
let first: DemoInfo;
let ids: { acme: string; reseller: string; bella: string };

async function partnerId(name: string) {
  const [row] = await database.db
    .select({ id: partners.id })
    .from(partners)
    .where(eq(partners.name, name))
    .orderBy(partners.id)
    .limit(1);
  if (!row) throw new Error(`no partner ${name}`);
  return row.id;
}

/** Row counts of every table the demo writes, for the demo's three partners. */
async function demoCounts() {
  const mine = [ids.acme, ids.reseller, ids.bella];
  const tables = {
    apiKeys,
    agents,
    voiceSessions,
    usageEvents,
    usageDaily,
    quotaCounters,
    subscriptions,
    subscriptionAddons,
    memberships,
    brands,
  };
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await database.db
      .select({ n: count() })
      .from(table)
      .where(inArray(table.partnerId, mine));
    counts[name] = row?.n ?? 0;
  }
  const [demoUsers] = await database.db
    .select({ n: count() })
    .from(users)
    .where(eq(users.email, "demo@parley.dev"));
  const named = await database.db
    .select({ n: count() })
    .from(partners)
    .where(inArray(partners.name, Object.values(demoNames)));
  counts.users = demoUsers?.n ?? 0;
  counts.partners = named[0]?.n ?? 0;
  return counts;
}

beforeAll(async () => {
  const h = await createHarness({ now: () => now });
  database = h.database;
  services = h.services;
  dir = await mkdtemp(join(tmpdir(), "parley-demo-"));
  demoFile = join(dir, "demo.json");
  first = await seedDemo(database, services, { publicUrl, demoFile });
  await writeDemoFile(demoFile, first);
  ids = {
    acme: await partnerId(demoNames.partner),
    reseller: await partnerId(demoNames.reseller),
    bella: await partnerId(demoNames.subaccount),
  };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("seedDemo", () => {
  it("returns the demo.json shape with working credentials", async () => {
    expect(first).toMatchObject({
      url: publicUrl,
      allowedOrigin: "http://localhost:8787",
      login: { email: "demo@parley.dev", password: "parley-demo" },
    });
    expect(first.publishableKey).toMatch(keyPattern);
    expect(first.publishableKey).toMatch(/^pk_live_/);
    expect(first.secretKey).toMatch(/^sk_live_/);
    expect(first.agents.map((a) => a.name)).toEqual([
      "Front desk",
      "Help center",
      "Recepción bilingüe",
    ]);
    const app = newApp(services);
    const res = await app.request("/v1/agents", {
      headers: { authorization: `Bearer ${first.secretKey}` },
    });
    expect(res.status).toBe(200);
    const listed = (await res.json()) as { data: { id: string; allowedOrigins: string[] }[] };
    expect(listed.data.map((a) => a.id).sort()).toEqual(first.agents.map((a) => a.id).sort());
    for (const agent of listed.data) expect(agent.allowedOrigins).toContain(first.allowedOrigin);
  });

  it("writes demo.json readable by its owner only", async () => {
    expect((await stat(demoFile)).mode & 0o777).toBe(0o600);
  });

  it("makes the demo user the owner with the demo password, and an admin of the reseller", async () => {
    const rows = await database.db
      .select({
        hash: users.passwordHash,
        role: memberships.role,
        partnerId: memberships.partnerId,
      })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(eq(users.email, "demo@parley.dev"))
      .orderBy(asc(memberships.createdAt));
    expect(rows.map(({ role, partnerId }) => ({ role, partnerId }))).toEqual([
      { role: "owner", partnerId: ids.acme },
      { role: "admin", partnerId: ids.reseller },
    ]);
    expect(await verifyPassword("parley-demo", rows[0]?.hash ?? "")).toBe(true);
  });

  it("puts the demo partner on pro with premium voices in a 14-day trial", async () => {
    const [sub] = await database.db
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.partnerId, ids.acme));
    expect(sub?.planId).toBe("pro");
    const [addon] = await database.db
      .select()
      .from(subscriptionAddons)
      .where(eq(subscriptionAddons.partnerId, ids.acme));
    expect(addon).toMatchObject({
      addonKey: "premium_voices",
      status: "active",
      billingStatus: "trial",
      trialEndsAt: new Date(now.getTime() + 14 * 86_400_000),
    });
    const entitlements = await loadEntitlements(database, ids.acme, now);
    expect(entitlements.list).toContain("premium_voices");
  });

  it("seeding twice creates nothing new and returns the same credentials", async () => {
    const before = await demoCounts();
    const again = await seedDemo(database, services, { publicUrl, demoFile });
    expect(again).toEqual(first);
    expect(await demoCounts()).toEqual(before);
  });

  it("issues fresh working keys, and nothing else, when demo.json is lost", async () => {
    const before = await demoCounts();
    const again = await seedDemo(database, services, {
      publicUrl,
      demoFile: join(dir, "missing.json"),
    });
    expect(again.secretKey).not.toBe(first.secretKey);
    expect(again.publishableKey).not.toBe(first.publishableKey);
    expect(again.agents).toEqual(first.agents);
    expect(await demoCounts()).toEqual({ ...before, apiKeys: (before.apiKeys ?? 0) + 2 });
    const res = await newApp(services).request("/v1/sessions?limit=1", {
      headers: { authorization: `Bearer ${again.secretKey}` },
    });
    expect(res.status).toBe(200);
  });

  it("allows a new origin when restarted on another URL", async () => {
    const moved = await seedDemo(database, services, {
      publicUrl: "http://localhost:9999/",
      demoFile,
    });
    expect(moved).toMatchObject({
      url: "http://localhost:9999",
      allowedOrigin: "http://localhost:9999",
    });
    expect(moved.publishableKey).toBe(first.publishableKey);
    const rows = await database.db
      .select({ origins: agents.allowedOrigins })
      .from(agents)
      .where(eq(agents.partnerId, ids.acme));
    for (const row of rows) expect(row.origins).toContain("http://localhost:9999");
  });

  it("gives every rollup exactly the sum of its usage events", async () => {
    const mine = [ids.acme, ids.bella];
    const mismatches = await database.rows(sql`
      with sums as (
        select partner_id, agent_id, provider, (occurred_at at time zone 'UTC')::date as day,
               count(*)::int as sessions, sum(quantity)::bigint as seconds,
               sum(cost_micros)::bigint as cost
          from usage_events where partner_id in (${sql.join(mine, sql`, `)})
         group by 1, 2, 3, 4)
      select coalesce(s.agent_id, d.agent_id) as agent
        from sums s
        full outer join (select * from usage_daily where partner_id in (${sql.join(mine, sql`, `)})) d
          on d.partner_id = s.partner_id and d.agent_id = s.agent_id
         and d.provider = s.provider and d.day = s.day
       where s.seconds is distinct from d.seconds or s.sessions is distinct from d.sessions
          or s.cost is distinct from d.cost_micros`);
    expect(mismatches).toEqual([]);
    const [rollups] = await database.db
      .select({ n: count() })
      .from(usageDaily)
      .where(eq(usageDaily.partnerId, ids.acme));
    expect(rollups?.n).toBeGreaterThan(28);
  });

  it("counts this month's seconds in the quota row, against the plan's minutes", async () => {
    const [counter] = await database.db
      .select()
      .from(quotaCounters)
      .where(
        and(eq(quotaCounters.partnerId, ids.acme), eq(quotaCounters.periodStart, "2026-03-01")),
      );
    const [used] = await database.rows<{ seconds: number }>(sql`
      select coalesce(sum(quantity), 0)::int as seconds from usage_events
       where partner_id = ${ids.acme} and occurred_at >= '2026-03-01T00:00:00Z'::timestamptz`);
    expect(counter).toMatchObject({ includedSeconds: 3000 * 60, reservedSeconds: 0 });
    expect(counter?.usedSeconds).toBe(used?.seconds);
    expect(counter?.usedSeconds).toBeGreaterThan(0);
  });

  it("builds four weeks of realistic past sessions with matching usage events", async () => {
    const rows = await database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.partnerId, ids.acme));
    const events = await database.db
      .select()
      .from(usageEvents)
      .where(eq(usageEvents.partnerId, ids.acme));
    const byKey = new Map(events.map((e) => [e.idempotencyKey, e]));
    const ended = rows.filter((r) => r.status === "ended");
    expect(rows.length).toBeGreaterThan(150);
    expect(rows.some((r) => r.status === "failed")).toBe(true);
    expect(rows.some((r) => r.status === "expired")).toBe(true);
    expect(rows.some((r) => r.fallbackFrom === "elevenlabs" && r.provider === "openai")).toBe(true);
    expect(events).toHaveLength(ended.length);
    const oldest = Math.min(...rows.map((r) => r.issuedAt.getTime()));
    expect(now.getTime() - oldest).toBeGreaterThan(26 * 86_400_000);
    expect(now.getTime() - oldest).toBeLessThanOrEqual(28 * 86_400_000);
    for (const row of rows) {
      expect(row.endedAt?.getTime() ?? 0).toBeLessThan(now.getTime());
      if (row.status !== "ended") {
        expect(row.transcript).toEqual([]);
        expect(byKey.has(`demo:${row.id}`)).toBe(false);
        continue;
      }
      expect(row.durationSeconds).toBeGreaterThanOrEqual(30);
      expect(row.durationSeconds).toBeLessThanOrEqual(400);
      expect(row.transcript.length).toBeGreaterThanOrEqual(2);
      expect(row.transcript.length).toBeLessThanOrEqual(6);
      const event = byKey.get(`demo:${row.id}`);
      expect(event).toMatchObject({
        quantity: row.durationSeconds,
        costMicros: row.costMicros,
        provider: row.provider,
      });
    }
  });

  it("only books the bilingual agent inside its Madrid working hours", async () => {
    const [agent] = await database.db
      .select()
      .from(agents)
      .where(and(eq(agents.partnerId, ids.acme), eq(agents.name, "Recepción bilingüe")));
    expect(agent?.workingHours).toEqual({
      timezone: "Europe/Madrid",
      days: [1, 2, 3, 4, 5],
      open: "09:00",
      close: "18:00",
    });
    const rows = await database.db
      .select({ issuedAt: voiceSessions.issuedAt })
      .from(voiceSessions)
      .where(eq(voiceSessions.agentId, agent?.id ?? ""));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(isOpen(agent?.workingHours ?? null, row.issuedAt)).toBe(true);
  });

  it("creates a branded reseller whose starter sub-account lacks premium voices and falls back", async () => {
    const [reseller] = await database.db
      .select()
      .from(partners)
      .where(eq(partners.id, ids.reseller));
    const [bella] = await database.db.select().from(partners).where(eq(partners.id, ids.bella));
    expect(reseller?.isReseller).toBe(true);
    expect(bella?.parentId).toBe(ids.reseller);
    const [brand] = await database.db
      .select()
      .from(brands)
      .where(eq(brands.partnerId, ids.reseller));
    expect(brand).toMatchObject({ hidePoweredBy: true, name: "VoiceWorks" });
    expect(brand?.primaryColor).toMatch(/^#[0-9a-f]{6}$/);

    const plans = await database.db
      .select({ partnerId: subscriptions.partnerId, planId: subscriptions.planId })
      .from(subscriptions)
      .where(inArray(subscriptions.partnerId, [ids.reseller, ids.bella]));
    expect(Object.fromEntries(plans.map((p) => [p.partnerId, p.planId]))).toEqual({
      [ids.reseller]: "enterprise",
      [ids.bella]: "starter",
    });
    const addons = await database.db
      .select()
      .from(subscriptionAddons)
      .where(eq(subscriptionAddons.partnerId, ids.bella));
    expect(addons).toEqual([]);
    const entitlements = await loadEntitlements(database, ids.bella, now);
    expect(entitlements.features.premium_voices.allowed).toBe(false);

    const [agent] = await database.db.select().from(agents).where(eq(agents.partnerId, ids.bella));
    expect(agent).toMatchObject({ voiceProvider: "elevenlabs", fallbackEnabled: true });
    const [key] = await database.db.select().from(apiKeys).where(eq(apiKeys.partnerId, ids.bella));
    expect(key).toMatchObject({ kind: "publishable", allowedOrigins: ["http://localhost:8787"] });
    const sessions = await database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.partnerId, ids.bella));
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) {
      expect(s).toMatchObject({
        provider: "openai",
        fallbackFrom: "elevenlabs",
        fallbackReason: "not_entitled",
      });
    }
  });
});

describe("buildHistory", () => {
  const agent = {
    id: "agt_X",
    partnerId: "ptn_X",
    personaId: "per_X",
    voiceProvider: "elevenlabs" as const,
    voiceId: "v",
    fallbackVoiceId: "nova",
    maxDurationSeconds: 600,
  };
  const build = (seed: number) =>
    buildHistory({
      now,
      days: 28,
      seed,
      origin: "http://localhost:8787",
      patterns: [
        {
          agent,
          weekday: [2, 5],
          weekend: [0, 1],
          hours: [8, 18],
          scripts: demoScripts.frontDesk,
          fallback: "provider_down",
        },
      ],
      microsPerSecond: { elevenlabs: 2000, openai: 0 },
    });
  const withoutIds = (h: ReturnType<typeof build>) =>
    h.sessions.map(({ id: _id, ...rest }) => rest);

  it("is the same for the same seed and clock, and differs for another seed", () => {
    expect(withoutIds(build(7))).toEqual(withoutIds(build(7)));
    expect(withoutIds(build(7))).not.toEqual(withoutIds(build(8)));
  });

  it("charges premium seconds at the premium rate and standard ones at zero", () => {
    for (const e of build(7).events) {
      expect(e.costMicros).toBe(e.provider === "elevenlabs" ? e.quantity * 2000 : 0);
    }
  });

  it("mulberry32 yields the same sequence in [0, 1) for a seed", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 100; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
