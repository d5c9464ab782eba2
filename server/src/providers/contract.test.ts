/**
 * The provider contract (design §8): what Parley relies on from each voice provider, checked
 * the same way against the built-in simulator (always) and against the real service when its
 * key is set (`ELEVENLABS_API_KEY`, with `ELEVENLABS_AGENT_ID` for conversations of agents
 * Parley has not provisioned; `OPENAI_API_KEY`). Against ElevenLabs it creates, updates and
 * deletes one agent of its own, tagged `parley`.
 */
import { ConnectResponse } from "@parley/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness } from "../../test/harness";
import type { ElevenLabsClient } from "./elevenlabs";
import { createElevenLabs } from "./elevenlabs";
import { createOpenAI } from "./openai";
import type { ConnectInput, ProviderAgentConfig, VoiceProviderClient } from "./types";

const env = process.env;
const h = await createHarness();

const elevenlabs: { name: string; client: ElevenLabsClient } = env.ELEVENLABS_API_KEY
  ? {
      name: "ElevenLabs (real)",
      client: createElevenLabs({
        baseUrl: "https://api.elevenlabs.io",
        apiKey: env.ELEVENLABS_API_KEY,
        defaultAgentId: env.ELEVENLABS_AGENT_ID ?? "",
      }),
    }
  : { name: "ElevenLabs (simulator)", client: h.services.providers.elevenlabs };

const openai: { name: string; client: VoiceProviderClient } = env.OPENAI_API_KEY
  ? {
      name: "OpenAI Realtime (real)",
      client: createOpenAI({
        baseUrl: "https://api.openai.com",
        realtimeUrl: "wss://api.openai.com/v1/realtime",
        apiKey: env.OPENAI_API_KEY,
      }),
    }
  : { name: "OpenAI Realtime (simulator)", client: h.services.providers.openai };

const persona = {
  name: "Contract check",
  instructions: "You are a contract test for Parley. Answer in one short sentence.",
  firstMessage: "Hello from the Parley contract test.",
  language: "en",
};

function connectInput(voiceId: string, providerAgentId: string | null): ConnectInput {
  return {
    sessionId: "ses_contract",
    persona,
    voiceId,
    voiceSettings: {},
    dynamicVariables: { customer_name: "Zoë" },
    providerAgentId,
    maxDurationSeconds: 60,
  };
}

describe(elevenlabs.name, () => {
  const client = elevenlabs.client;
  let voiceId = "";
  let providerAgentId: string | null = null;

  beforeAll(async () => {
    const voices = await client.listVoices();
    voiceId = voices[0]?.id ?? "";
  });

  afterAll(async () => {
    if (providerAgentId) await client.deleteAgent(providerAgentId).catch(() => {});
  });

  it("lists voices with an id, a name, a category, labels and a preview (or null)", async () => {
    const voices = await client.listVoices();
    expect(voices.length).toBeGreaterThan(0);
    for (const voice of voices) {
      expect(voice).toMatchObject({
        id: expect.any(String),
        name: expect.any(String),
        provider: "elevenlabs",
        category: expect.any(String),
        labels: expect.any(Object),
      });
      expect(voice.previewUrl === null || /^https?:\/\//.test(voice.previewUrl)).toBe(true);
    }
  });

  it("creates, updates and deletes a provider agent of Parley's own", async () => {
    const config: ProviderAgentConfig = { ...persona, voiceId, maxDurationSeconds: 60 };
    ({ providerAgentId } = await client.provisionAgent(config));
    expect(providerAgentId).toMatch(/\S/);
    await client.updateAgent(providerAgentId, { ...config, firstMessage: "Hello again." });
    await client.deleteAgent(providerAgentId);
    providerAgentId = null;
  });

  it("signs a one-conversation WebSocket URL and carries the persona as overrides", async () => {
    const config: ProviderAgentConfig = { ...persona, voiceId, maxDurationSeconds: 60 };
    ({ providerAgentId } = await client.provisionAgent(config));
    const answer = ConnectResponse.parse(
      await client.connect(connectInput(voiceId, providerAgentId)),
    );
    if (answer.provider !== "elevenlabs") throw new Error(`answered as ${answer.provider}`);
    expect(answer.signedUrl).toMatch(/^wss:\/\/|^ws:\/\//);
    expect(answer.overrides).toMatchObject({
      agent: { prompt: { prompt: persona.instructions }, firstMessage: persona.firstMessage },
      tts: { voiceId },
    });
    expect(answer.dynamicVariables).toMatchObject({
      customer_name: "Zoë",
      parley_session_id: "ses_contract",
    });
    expect(client.healthy()).toBe(true);
  });

  // The simulator signs a URL for any agent id (a restarted simulator forgets the agents it
  // made, and the demo's stored ids must keep working), so this holds for the real service only.
  it.runIf(env.ELEVENLABS_API_KEY)(
    "answers a missing agent with a 4xx that does not mark the provider down",
    async () => {
      await expect(
        client.connect(connectInput(voiceId, "agent_that_parley_never_created")),
      ).rejects.toMatchObject({ name: "ProviderError", status: expect.any(Number) });
      expect(client.healthy()).toBe(true);
    },
  );
});

describe(openai.name, () => {
  const client = openai.client;

  it("lists the standard voices", async () => {
    const ids = (await client.listVoices()).map((v) => v.id);
    for (const voice of ["alloy", "echo", "fable", "onyx", "nova", "shimmer", "sage"]) {
      expect(ids).toContain(voice);
    }
  });

  it("mints an ephemeral client secret for a Realtime session with the persona's voice", async () => {
    const answer = ConnectResponse.parse(await client.connect(connectInput("sage", null)));
    if (answer.provider !== "openai") throw new Error(`answered as ${answer.provider}`);
    expect(answer.url).toMatch(/^wss?:\/\//);
    expect(answer.clientSecret).toMatch(/\S{8,}/);
    expect(answer.voice).toBe("sage");
    expect(answer.model).toMatch(/\S/);
    // Never the API key itself (the simulator's key is a placeholder).
    if (env.OPENAI_API_KEY) expect(JSON.stringify(answer)).not.toContain(env.OPENAI_API_KEY);
    expect(client.healthy()).toBe(true);
  });
});
