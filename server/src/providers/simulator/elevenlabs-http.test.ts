import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type Harness, startHarness } from "./testing";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const headers = { "xi-api-key": "sim-key", "content-type": "application/json" };
const api = (path: string) => `${h.base}/simulator/elevenlabs/v1${path}`;

describe("ElevenLabs agents API", () => {
  it("creates, reads, patches and deletes an agent", async () => {
    const created = await fetch(api("/convai/agents/create"), {
      method: "POST",
      headers,
      body: JSON.stringify({
        name: "Front desk",
        conversation_config: { agent: { first_message: "Hi", prompt: { prompt: "You are Ava." } } },
      }),
    });
    expect(created.status).toBe(200);
    const { agent_id } = z.object({ agent_id: z.string() }).parse(await created.json());
    expect(agent_id).toMatch(/^agent_/);

    const patched = await fetch(api(`/convai/agents/${agent_id}`), {
      method: "PATCH",
      headers,
      body: JSON.stringify({ conversation_config: { agent: { first_message: "Hello" } } }),
    });
    expect(await patched.json()).toMatchObject({
      agent_id,
      name: "Front desk",
      conversation_config: {
        agent: { first_message: "Hello", prompt: { prompt: "You are Ava." } },
      },
    });

    const read = await fetch(api(`/convai/agents/${agent_id}`), { headers });
    expect(await read.json()).toMatchObject({
      conversation_config: { agent: { first_message: "Hello" } },
    });
    expect(
      (await fetch(api(`/convai/agents/${agent_id}`), { method: "DELETE", headers })).status,
    ).toBe(200);
    expect((await fetch(api(`/convai/agents/${agent_id}`), { headers })).status).toBe(404);
  });

  it("rejects an agent without conversation_config with 422", async () => {
    const res = await fetch(api("/convai/agents/create"), { method: "POST", headers, body: "{}" });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ detail: [{ loc: ["body", "conversation_config"] }] });
  });

  it("requires xi-api-key on every API route", async () => {
    expect((await fetch(api("/voices"))).status).toBe(401);
  });
});

describe("ElevenLabs voices", () => {
  it("lists premade voices whose previews are playable WAV files", async () => {
    const res = await fetch(api("/voices"), { headers });
    const { voices } = z
      .object({ voices: z.array(z.looseObject({ name: z.string(), preview_url: z.string() })) })
      .parse(await res.json());
    expect(voices.length).toBeGreaterThanOrEqual(8);
    const rachel = voices.find((v) => v.name === "Rachel");
    expect(rachel).toMatchObject({
      voice_id: "21m00Tcm4TlvDq8ikWAM",
      category: "premade",
      labels: { accent: "american", gender: "female", age: "young", use_case: "narration" },
    });
    const preview = await fetch(rachel?.preview_url ?? "");
    expect(preview.headers.get("content-type")).toBe("audio/wav");
    const bytes = Buffer.from(await preview.arrayBuffer());
    expect(bytes.subarray(0, 4).toString("ascii")).toBe("RIFF");
    expect(bytes.readUInt32LE(24)).toBe(22_050);
    expect(bytes.length).toBeGreaterThan(44 + 22_050); // more than half a second of audio
  });
});
