import type { Agent, Persona } from "@parley/types";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestPartner,
} from "../../../test/harness";
import { describeResourceCases } from "../../../test/resource-cases";
import { auditLog, voiceSessions } from "../../db/schema";
import { templateId } from "../../db/seed/templates";
import { invalidationChannel } from "../../domain/resolution-cache";

const support = templateId("support"); // openai, sage
const sales = templateId("sales"); // elevenlabs, Sarah

let h: Harness;
/** Moves the injected clock forward instead of sleeping. */
let offsetMs = 0;
beforeAll(async () => {
  h = await createHarness({ now: () => new Date(Date.now() + offsetMs) });
});

describeResourceCases(() => h, {
  name: "agent",
  collection: "/v1/agents",
  validCreate: async () => ({
    name: "Front desk",
    personaId: support,
    allowedOrigins: ["https://shop.example"],
  }),
  textField: "name",
  wrongTypes: { name: 42, personaId: ["x"], maxDurationSeconds: "long", fallbackEnabled: "yes" },
  update: { name: "Renamed", status: "paused" },
  deletes: "deleted",
});

// JSON bodies are typed by the API contract; the assertions below check them.
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

async function createAgent(p: TestPartner, body: Record<string, unknown>) {
  const res = await p.request("POST", "/v1/agents", { name: "Agent", ...body });
  expect(res.status).toBe(201);
  return json<Agent>(res);
}

describe("agents", () => {
  let p: TestPartner;
  let other: TestPartner;
  beforeAll(async () => {
    p = await createTestPartner(h, { name: "Agents partner" });
    other = await createTestPartner(h, { name: "Other partner" });
  });

  it("creates an agent on a template with the persona's voice and defaults, then reads it back", async () => {
    const made = await createAgent(p, { name: "Help desk", personaId: support });
    expect(made).toMatchObject({
      name: "Help desk",
      personaId: support,
      voiceProvider: "openai",
      voiceId: "sage",
      fallbackVoiceId: "alloy",
      fallbackEnabled: true,
      allowedOrigins: [],
      workingHours: null,
      maxDurationSeconds: 600,
      status: "active",
      provisioningStatus: "not_required",
      providerAgentId: null,
    });
    expect(made.id).toMatch(/^agt_/);
    expect(new Date(made.createdAt).toISOString()).toBe(made.createdAt);
    expect(await json(await p.request("GET", `/v1/agents/${made.id}`))).toEqual(made);
    const list = await json<{ data: Agent[] }>(await p.request("GET", "/v1/agents"));
    expect(list.data[0]).toEqual(made);
  });

  it("takes an ElevenLabs persona's voice and leaves the agent pending provisioning", async () => {
    const made = await createAgent(p, { personaId: sales });
    expect(made).toMatchObject({
      voiceProvider: "elevenlabs",
      voiceId: "EXAVITQu4vr4xnSDxMaL",
      provisioningStatus: "pending",
    });
  });

  it("uses the agent's standard fallback voice when asked for openai on an ElevenLabs persona", async () => {
    const made = await createAgent(p, {
      personaId: sales,
      voiceProvider: "openai",
      fallbackVoiceId: "nova",
    });
    expect(made).toMatchObject({
      voiceProvider: "openai",
      voiceId: "nova",
      provisioningStatus: "not_required",
    });
  });

  it("builds an agent on the partner's own custom persona", async () => {
    const persona = await json<Persona>(
      await p.request("POST", "/v1/personas", {
        name: "Mine",
        instructions: "Be brief.",
        voiceId: "echo",
      }),
    );
    const made = await createAgent(p, { personaId: persona.id });
    expect(made).toMatchObject({ personaId: persona.id, voiceProvider: "openai", voiceId: "echo" });
  });

  it("answers 404 naming the persona for another partner's persona, and creates nothing", async () => {
    const theirs = await json<Persona>(
      await other.request("POST", "/v1/personas", { name: "Theirs", instructions: "Secret." }),
    );
    const before = await json<{ data: Agent[] }>(await p.request("GET", "/v1/agents?limit=100"));
    const res = await p.request("POST", "/v1/agents", { name: "Thief", personaId: theirs.id });
    const body = await expectProblem(res, 404, "not_found");
    expect(body.detail).toContain(theirs.id);
    const unknown = "per_01ZZZZZZZZZZZZZZZZZZZZZZZZ";
    const missing = await expectProblem(
      await p.request("POST", "/v1/agents", { name: "X", personaId: unknown }),
      404,
      "not_found",
    );
    // The same answer as for an id that does not exist: nothing leaks.
    expect(missing.detail).toBe(String(body.detail).replace(theirs.id, unknown));
    const after = await json<{ data: Agent[] }>(await p.request("GET", "/v1/agents?limit=100"));
    expect(after.data.length).toBe(before.data.length);
  });

  it("rejects an openai agent with a voice that is not a standard one", async () => {
    const res = await p.request("POST", "/v1/agents", {
      name: "Odd voice",
      personaId: support,
      voiceProvider: "openai",
      voiceId: "21m00Tcm4TlvDq8ikWAM",
    });
    const body = await expectProblem(res, 400, "validation_failed");
    expect(body.errors).toEqual([expect.objectContaining({ path: "voiceId" })]);
  });

  it("caps agents by plan with 402 upgrade_required and an upgrade link", async () => {
    const free = await createTestPartner(h, { name: "Free", planId: "free" });
    const first = await createAgent(free, { personaId: support });
    const res = await free.request("POST", "/v1/agents", { name: "Second", personaId: support });
    const body = await expectProblem(res, 402, "upgrade_required");
    expect(body.upgradeUrl).toBe(`${h.services.env.PUBLIC_URL}/dashboard/billing`);
    expect(body.detail).toContain("1 agent");
    const list = await json<{ data: Agent[] }>(await free.request("GET", "/v1/agents"));
    expect(list.data.map((a) => a.id)).toEqual([first.id]);

    expect((await free.request("DELETE", `/v1/agents/${first.id}`)).status).toBe(200);
    await createAgent(free, { personaId: support });
  });

  it("lets only one of several simultaneous creates take the last free slot", async () => {
    const free = await createTestPartner(h, { name: "Racing", planId: "free" });
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        free.request("POST", "/v1/agents", { name: `Racer ${i}`, personaId: support }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 402, 402, 402]);
    const list = await json<{ data: Agent[] }>(await free.request("GET", "/v1/agents"));
    expect(list.data).toHaveLength(1);
  });

  it("pauses an agent with PATCH, moving updatedAt and keeping createdAt", async () => {
    const made = await createAgent(p, { personaId: support });
    offsetMs += 60_000;
    const res = await p.request("PATCH", `/v1/agents/${made.id}`, { status: "paused" });
    expect(res.status).toBe(200);
    const patched = await json<Agent>(res);
    expect(patched.status).toBe("paused");
    expect(patched.createdAt).toBe(made.createdAt);
    expect(Date.parse(patched.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(made.updatedAt) + 60_000,
    );
    expect(await json(await p.request("GET", `/v1/agents/${made.id}`))).toEqual(patched);
    const resumed = await json<Agent>(
      await p.request("PATCH", `/v1/agents/${made.id}`, { status: "active" }),
    );
    expect(resumed.status).toBe("active");
  });

  it("changes every other field with PATCH and re-provisions an ElevenLabs voice change", async () => {
    const made = await createAgent(p, { personaId: sales });
    const patch = {
      name: "Night shift",
      voiceId: "pNInz6obpgDQGcFmaJgB",
      fallbackVoiceId: "onyx",
      fallbackEnabled: false,
      allowedOrigins: ["https://*.shop.example"],
      workingHours: {
        timezone: "Europe/Madrid",
        days: [1, 2, 3, 4, 5],
        open: "09:00",
        close: "17:30",
      },
      maxDurationSeconds: 900,
      greeting: "Buenas noches",
      avatarUrl: "https://cdn.example/a.png",
      theme: { primary: "#112233" },
      consentText: "This call is recorded.",
    };
    const patched = await json<Agent>(await p.request("PATCH", `/v1/agents/${made.id}`, patch));
    expect(patched).toMatchObject({ ...patch, provisioningStatus: "pending" });
    const toOpenai = await json<Agent>(
      await p.request("PATCH", `/v1/agents/${made.id}`, { voiceProvider: "openai" }),
    );
    expect(toOpenai).toMatchObject({
      voiceProvider: "openai",
      voiceId: "onyx",
      provisioningStatus: "not_required",
    });
    const refused = await p.request("PATCH", `/v1/agents/${made.id}`, {
      voiceProvider: "elevenlabs",
    });
    const body = await expectProblem(refused, 400, "validation_failed");
    expect(body.errors).toEqual([expect.objectContaining({ path: "voiceId" })]);
  });

  it("refuses to move an agent onto another partner's persona", async () => {
    const made = await createAgent(p, { personaId: support });
    const theirs = await json<Persona>(
      await other.request("POST", "/v1/personas", { name: "Theirs", instructions: "No." }),
    );
    await expectProblem(
      await p.request("PATCH", `/v1/agents/${made.id}`, { personaId: theirs.id }),
      404,
      "not_found",
    );
    expect(await json(await p.request("GET", `/v1/agents/${made.id}`))).toEqual(made);
  });

  it.each([
    [
      "workingHours.timezone",
      { workingHours: { timezone: "Mars/Olympus", days: [1], open: "09:00", close: "17:00" } },
    ],
    [
      "workingHours.open",
      { workingHours: { timezone: "UTC", days: [1], open: "24:00", close: "17:00" } },
    ],
    [
      "workingHours.close",
      { workingHours: { timezone: "UTC", days: [1], open: "09:00", close: "5pm" } },
    ],
    [
      "workingHours.days.0",
      { workingHours: { timezone: "UTC", days: [7], open: "09:00", close: "17:00" } },
    ],
    ["allowedOrigins.0", { allowedOrigins: ["https://shop.example/"] }],
    ["allowedOrigins.0", { allowedOrigins: ["*"] }],
    ["maxDurationSeconds", { maxDurationSeconds: 29 }],
    ["maxDurationSeconds", { maxDurationSeconds: 3601 }],
    ["maxDurationSeconds", { maxDurationSeconds: 60.5 }],
  ])("rejects a bad %s with 400 validation_failed", async (path, field) => {
    const res = await p.request("POST", "/v1/agents", {
      name: "Bad",
      personaId: support,
      ...field,
    });
    const body = await expectProblem(res, 400, "validation_failed");
    expect((body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
  });

  it("accepts the duration bounds and valid working hours", async () => {
    const hours = { timezone: "America/New_York", days: [0, 6], open: "08:00", close: "20:00" };
    const short = await createAgent(p, {
      personaId: support,
      maxDurationSeconds: 30,
      workingHours: hours,
    });
    expect(short).toMatchObject({ maxDurationSeconds: 30, workingHours: hours });
    const long = await createAgent(p, { personaId: support, maxDurationSeconds: 3600 });
    expect(long.maxDurationSeconds).toBe(3600);
  });

  it("deletes an agent with its sessions and answers {id, deleted: true}", async () => {
    const made = await createAgent(p, { personaId: support });
    const sessionId = h.services.newId("ses");
    await h.database.db.insert(voiceSessions).values({
      id: sessionId,
      partnerId: p.id,
      agentId: made.id,
      personaId: support,
      provider: "openai",
      voiceId: "sage",
      origin: "https://shop.example",
      expiresAt: new Date(Date.now() + 120_000),
    });
    const res = await p.request("DELETE", `/v1/agents/${made.id}`);
    expect(await json(res)).toEqual({ id: made.id, deleted: true });
    const left = await h.database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.id, sessionId));
    expect(left).toEqual([]);
    await expectProblem(await p.request("DELETE", `/v1/agents/${made.id}`), 404, "not_found");
  });

  it("audits every write with the key that made it", async () => {
    const made = await createAgent(p, { personaId: support });
    await p.request("PATCH", `/v1/agents/${made.id}`, { name: "Audited" });
    await p.request("DELETE", `/v1/agents/${made.id}`);
    const rows = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnerId, p.id), eq(auditLog.targetId, made.id)))
      .orderBy(auditLog.id);
    expect(rows.map((r) => r.action)).toEqual(["agent.created", "agent.updated", "agent.deleted"]);
    expect(rows.every((r) => r.actor.startsWith("key_"))).toBe(true);
    expect(rows[1]?.data).toEqual({ fields: ["name"] });
  });

  it("tells every instance to drop the partner's cached resolutions when an agent changes", async () => {
    const made = await createAgent(p, { personaId: support });
    let heard = () => {};
    const notified = new Promise<void>((resolve) => {
      heard = resolve;
    });
    const stop = await h.database.listen(invalidationChannel, (partnerId) => {
      if (partnerId === p.id) heard();
    });
    try {
      const res = await p.request("PATCH", `/v1/agents/${made.id}`, { status: "paused" });
      expect(res.status).toBe(200);
      await notified;
    } finally {
      await stop();
    }
  });
});

describe("agent docs", () => {
  it("describes every agent route and schema in /openapi.json", async () => {
    const doc = await json<{
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    }>(await h.app.request("/openapi.json"));
    expect(Object.keys(doc.paths["/v1/agents"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/v1/agents/{id}"] ?? {}).sort()).toEqual([
      "delete",
      "get",
      "patch",
    ]);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        "Agent",
        "AgentList",
        "CreateAgentRequest",
        "UpdateAgentRequest",
        "WorkingHours",
      ]),
    );
  });
});
