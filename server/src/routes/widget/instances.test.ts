/**
 * Two server instances on one database (design §11): the quota never over-issues, and a
 * revoked key or a paused agent is refused by the other instance within a second.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestPartner,
  type Harness,
  openTestDatabase,
} from "../../../test/harness";
import { createAgent, origin } from "../../../test/widget-helpers";
import { newApp } from "../../app";
import { memoryKeyRing } from "../../auth/key-ring";
import type { Database } from "../../db/client";
import { plans, subscriptions } from "../../db/schema";
import { parseEnv } from "../../env";
import { silentLogger } from "../../logger";
import { createRuntime, type Runtime } from "../../runtime";

let h: Harness;
let second: { app: ReturnType<typeof newApp>; runtime: Runtime; database: Database };

beforeAll(async () => {
  h = await createHarness();
  // Its own connection pool on Postgres; on PGlite (one process) the same handle.
  const database = process.env.DATABASE_URL ? await openTestDatabase() : h.database;
  const runtime = await createRuntime({
    env: parseEnv({ PARLEY_MODE: "demo", LOG_LEVEL: "silent" }),
    database,
    log: silentLogger,
    ring: await memoryKeyRing(),
    rateLimit: { limit: 10_000, windowSeconds: 60 },
  });
  const app = newApp(runtime.services);
  runtime.attach(app);
  second = { app, runtime, database };
});

afterAll(async () => {
  await second.runtime.close();
  if (second.database !== h.database) await second.database.close();
});

const issue = (app: { request: Harness["app"]["request"] }, key: string, agent: string) =>
  app.request("/v1/widget/sessions", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, origin, "content-type": "application/json" },
    body: JSON.stringify({ agent }),
  });

async function within(ms: number, check: () => Promise<boolean>) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("two instances on one database", () => {
  it("issue exactly 50 of 200 concurrent sessions when the quota has room for 50", async () => {
    const planId = `room50_${Date.now()}`;
    await h.database.db.insert(plans).values({
      id: planId,
      name: "Room for 50",
      includedSeconds: 50 * 60,
      overageAllowed: false,
      maxAgents: 5,
      maxCustomPersonas: 0,
      maxConcurrentSessions: 1000,
      features: [],
    });
    const p = await createTestPartner(h);
    await h.database.db
      .update(subscriptions)
      .set({ planId })
      .where(eq(subscriptions.partnerId, p.id));
    const agent = await createAgent(p, { maxDurationSeconds: 60 });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        issue(i % 2 ? second.app : h.app, p.publishableKey, agent.id),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 429)).toHaveLength(150);
    const codes = await Promise.all(
      results
        .filter((r) => r.status === 429)
        .map(async (r) => ((await r.json()) as { code: string }).code),
    );
    expect(new Set(codes)).toEqual(new Set(["quota_exceeded"]));
  });

  it("refuses a key revoked on one instance at the other within one second", async () => {
    const p = await createTestPartner(h);
    const agent = await createAgent(p);
    expect((await issue(second.app, p.publishableKey, agent.id)).status).toBe(201); // warms its cache
    const keys = (await (await p.request("GET", "/v1/keys")).json()) as {
      data: { id: string; kind: string }[];
    };
    const pk = keys.data.find((k) => k.kind === "publishable");
    expect((await p.request("DELETE", `/v1/keys/${pk?.id}`)).status).toBe(200);
    const refused = await within(
      1000,
      async () => (await issue(second.app, p.publishableKey, agent.id)).status === 401,
    );
    expect(refused).toBe(true);
  });

  it("refuses an agent paused on one instance at the other within one second", async () => {
    const p = await createTestPartner(h);
    const agent = await createAgent(p);
    expect((await issue(second.app, p.publishableKey, agent.id)).status).toBe(201);
    expect((await p.request("PATCH", `/v1/agents/${agent.id}`, { status: "paused" })).status).toBe(
      200,
    );
    const refused = await within(
      1000,
      async () => (await issue(second.app, p.publishableKey, agent.id)).status === 409,
    );
    expect(refused).toBe(true);
  });
});
