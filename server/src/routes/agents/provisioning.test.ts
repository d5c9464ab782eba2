/** Agent provisioning at ElevenLabs through the partner API (design §8), against the simulator. */
import type { Agent, Persona } from "@parley/types";
import { beforeAll, describe, expect, it } from "vitest";
import { elevenLabsDouble, providerAgent, providerKey } from "../../../test/elevenlabs-double";
import {
  createHarness,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestPartner,
} from "../../../test/harness";
import { call, grantAddon, issued } from "../../../test/widget-helpers";

const rachel = "21m00Tcm4TlvDq8ikWAM";
const sarah = "EXAVITQu4vr4xnSDxMaL";

const t = Date.parse("2026-03-02T10:00:00Z");
const now = () => new Date(t);
const provider = elevenLabsDouble(now);
let h: Harness;
let p: TestPartner;
let persona: Persona;

// JSON bodies are typed by the API contract; the assertions below check them.
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

beforeAll(async () => {
  h = await createHarness({ now, override: provider.override });
  p = await createTestPartner(h, { planId: "pro" });
  await grantAddon(h, p.id, "premium_voices");
  const res = await p.request("POST", "/v1/personas", {
    name: "Acme desk",
    instructions: "You help {{customer_name}} with Acme orders.",
    firstMessage: "Hi {{customer_name}}!",
    dynamicVariables: [{ name: "customer_name" }],
  });
  expect(res.status).toBe(201);
  persona = await json<Persona>(res);
});

async function createAgent(body: Record<string, unknown> = {}) {
  const res = await p.request("POST", "/v1/agents", {
    name: "Front desk",
    personaId: persona.id,
    voiceProvider: "elevenlabs",
    voiceId: rachel,
    allowedOrigins: ["https://shop.example"],
    ...body,
  });
  expect(res.status).toBe(201);
  return json<Agent>(res);
}

async function settled(id: string) {
  await h.services.provisioning.idle();
  return json<Agent>(await p.request("GET", `/v1/agents/${id}`));
}

const providerCalls = () => provider.calls.filter((c) => c.includes("/convai/agents"));

describe("agent provisioning", () => {
  it("creates the provider agent from the persona after answering, keeping {{placeholders}}", async () => {
    const made = await createAgent({ maxDurationSeconds: 300 });
    expect(made.provisioningStatus).toBe("pending");
    const agent = await settled(made.id);
    expect(agent).toMatchObject({ provisioningStatus: "provisioned", provisioningError: null });
    expect(agent.providerAgentId).toEqual(expect.any(String));
    const stored = await providerAgent(h, agent.providerAgentId ?? "");
    expect(stored).toMatchObject({
      name: "Front desk",
      tags: ["parley"],
      conversation_config: {
        agent: {
          prompt: { prompt: "You help {{customer_name}} with Acme orders." },
          first_message: "Hi {{customer_name}}!",
          language: "en",
        },
        tts: { voice_id: rachel },
        conversation: { max_duration_seconds: 300 },
      },
    });
  });

  it("updates the same provider agent when the agent or its persona changes", async () => {
    const agent = await settled((await createAgent()).id);
    const providerId = agent.providerAgentId ?? "";
    await p.request("PATCH", `/v1/agents/${agent.id}`, { voiceId: sarah, greeting: "Welcome!" });
    expect(await settled(agent.id)).toMatchObject({
      providerAgentId: providerId,
      provisioningStatus: "provisioned",
    });
    expect((await providerAgent(h, providerId))?.conversation_config).toMatchObject({
      agent: { first_message: "Welcome!" },
      tts: { voice_id: sarah },
    });

    const patched = await p.request("PATCH", `/v1/personas/${persona.id}`, {
      instructions: "You help {{customer_name}} with Acme returns.",
    });
    expect(patched.status).toBe(200);
    expect(await settled(agent.id)).toMatchObject({
      providerAgentId: providerId,
      provisioningStatus: "provisioned",
    });
    expect((await providerAgent(h, providerId))?.conversation_config.agent.prompt.prompt).toBe(
      "You help {{customer_name}} with Acme returns.",
    );
  });

  it("leaves the provider alone for changes it does not carry", async () => {
    const agent = await settled((await createAgent()).id);
    const before = providerCalls().length;
    await p.request("PATCH", `/v1/agents/${agent.id}`, { status: "paused", theme: {} });
    await p.request("PATCH", `/v1/personas/${persona.id}`, { description: "Orders desk" });
    await h.services.provisioning.idle();
    expect(providerCalls().length).toBe(before);
  });

  it("never calls the provider for an OpenAI agent", async () => {
    const before = provider.calls.length;
    const made = await createAgent({ voiceProvider: "openai", voiceId: "sage" });
    const agent = await settled(made.id);
    expect(agent).toMatchObject({ provisioningStatus: "not_required", providerAgentId: null });
    await p.request("PATCH", `/v1/agents/${agent.id}`, { name: "Renamed" });
    await p.request("DELETE", `/v1/agents/${agent.id}`);
    await h.services.provisioning.idle();
    expect(provider.calls.slice(before)).toEqual([]);
  });

  it("deletes the provider agent when the agent moves to OpenAI", async () => {
    const agent = await settled((await createAgent()).id);
    const providerId = agent.providerAgentId ?? "";
    await p.request("PATCH", `/v1/agents/${agent.id}`, { voiceProvider: "openai" });
    expect(await settled(agent.id)).toMatchObject({
      voiceProvider: "openai",
      providerAgentId: null,
      provisioningStatus: "not_required",
    });
    expect(await providerAgent(h, providerId)).toBeNull();
  });

  it("deletes the provider agent with the agent", async () => {
    const agent = await settled((await createAgent()).id);
    const res = await p.request("DELETE", `/v1/agents/${agent.id}`);
    expect(res.status).toBe(200);
    await h.services.provisioning.idle();
    expect(await providerAgent(h, agent.providerAgentId ?? "")).toBeNull();
  });

  it("creates a new provider agent when the old one was deleted at the provider", async () => {
    const agent = await settled((await createAgent()).id);
    const old = agent.providerAgentId ?? "";
    await h.services.simulator?.app.request(`/elevenlabs/v1/convai/agents/${old}`, {
      method: "DELETE",
      headers: { "xi-api-key": "test" },
    });
    await p.request("PATCH", `/v1/agents/${agent.id}`, { greeting: "Hello again" });
    const after = await settled(agent.id);
    expect(after.provisioningStatus).toBe("provisioned");
    expect(after.providerAgentId).not.toBe(old);
    expect(
      (await providerAgent(h, after.providerAgentId ?? ""))?.conversation_config.agent,
    ).toMatchObject({ first_message: "Hello again" });
  });

  it("POST /provision answers 404 for another partner's agent without calling the provider", async () => {
    const agent = await settled((await createAgent()).id);
    const other = await createTestPartner(h);
    const before = provider.calls.length;
    await expectProblem(
      await other.request("POST", `/v1/agents/${agent.id}/provision`),
      404,
      "not_found",
    );
    expect(provider.calls.length).toBe(before);
  });
});

describe("when the provider's agents API is down", () => {
  it("still creates the agent, which works through overrides until a retry provisions it", async () => {
    provider.down = true;
    const made = await createAgent({ name: "Outage desk" });
    const failed = await settled(made.id);
    expect(failed).toMatchObject({
      provisioningStatus: "provisioning_failed",
      provisioningError: "HTTP 503",
      providerAgentId: null,
    });

    // Sessions use the default agent with the persona as overrides meanwhile.
    const s = await issued(h, p.publishableKey, made.id, { customer_name: "Ada" });
    expect(s.provider).toBe("elevenlabs");
    const connect = await call(h, s.session.id, "connect", s.token);
    expect(connect.status).toBe(200);
    const details = await json<{ overrides: { agent: { prompt: { prompt: string } } } }>(connect);
    expect(details.overrides.agent.prompt.prompt).toMatch(/^You help Ada with Acme /);
    expect(provider.calls).toContain(
      "GET /v1/convai/conversation/get-signed-url?agent_id=parley-default",
    );

    // A manual retry while still down answers with the agent, still failed.
    const retried = await p.request("POST", `/v1/agents/${made.id}/provision`);
    expect(retried.status).toBe(200);
    expect(await json<Agent>(retried)).toMatchObject({ provisioningStatus: "provisioning_failed" });

    // Once the provider is back, a retry provisions it (the retry job: domain/provisioning.test.ts).
    provider.down = false;
    const provisioned = await json<Agent>(
      await p.request("POST", `/v1/agents/${made.id}/provision`),
    );
    expect(provisioned).toMatchObject({
      provisioningStatus: "provisioned",
      provisioningError: null,
    });

    const next = await issued(h, p.publishableKey, made.id, { customer_name: "Ada" });
    expect((await call(h, next.session.id, "connect", next.token)).status).toBe(200);
    expect(provider.calls).toContain(
      `GET /v1/convai/conversation/get-signed-url?agent_id=${provisioned.providerAgentId}`,
    );

    // The provider's body carried the key: none of it reached the agent, a response or a log.
    expect(JSON.stringify(failed)).not.toContain(providerKey);
    expect(provider.logLines.join("\n")).not.toContain(providerKey);
    expect(provider.logLines.join("\n")).not.toContain("upstream broke");
    expect(provider.logLines.some((l) => l.includes("agent provisioning failed"))).toBe(true);
  });

  it("deletes the agent anyway, logging the provider's failure without the key", async () => {
    const agent = await settled((await createAgent()).id);
    provider.down = true;
    try {
      const res = await p.request("DELETE", `/v1/agents/${agent.id}`);
      expect(res.status).toBe(200);
      await h.services.provisioning.idle();
    } finally {
      provider.down = false;
    }
    await expectProblem(await p.request("GET", `/v1/agents/${agent.id}`), 404, "not_found");
    const logged = provider.logLines.filter((l) => l.includes("provider agent delete failed"));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join("\n")).not.toContain(providerKey);
  });
});
