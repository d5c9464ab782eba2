import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { base64ToPcm, pcmToBase64, silence, splitPcm, tone } from "./audio";
import { type Harness, startHarness, TestSocket, upgradeStatus } from "./testing";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function clientSecret(
  session: object,
): Promise<{ value: string; expires_at: number; session: Record<string, unknown> }> {
  const res = await fetch(`${h.base}/simulator/openai/v1/realtime/client_secrets`, {
    method: "POST",
    headers: { authorization: "Bearer sk-sim", "content-type": "application/json" },
    body: JSON.stringify({ session }),
  });
  expect(res.status).toBe(200);
  return z
    .object({
      value: z.string(),
      expires_at: z.number(),
      session: z.record(z.string(), z.unknown()),
    })
    .parse(await res.json());
}

const session = {
  type: "realtime",
  model: "gpt-realtime",
  instructions: "You are Max, the booking assistant of Acme Bikes.",
  audio: {
    input: { transcription: { model: "gpt-4o-mini-transcribe" } },
    output: { voice: "sage" },
  },
};

function wsUrl(): string {
  return `${h.base.replace("http", "ws")}/simulator/openai/v1/realtime?model=gpt-realtime`;
}

async function open(): Promise<TestSocket> {
  const { value } = await clientSecret(session);
  return TestSocket.open(wsUrl(), ["realtime", `openai-insecure-api-key.${value}`]);
}

describe("OpenAI Realtime client secrets", () => {
  it("requires a bearer key", async () => {
    const res = await fetch(`${h.base}/simulator/openai/v1/realtime/client_secrets`, {
      method: "POST",
      body: JSON.stringify({ session }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error" } });
  });

  it("returns an ek_ value, its expiry and the session", async () => {
    const secret = await clientSecret(session);
    expect(secret.value).toMatch(/^ek_/);
    expect(secret.expires_at).toBe(Date.parse("2026-03-02T10:00:00Z") / 1000 + 600);
    expect(secret.session).toMatchObject({
      type: "realtime",
      model: "gpt-realtime",
      instructions: session.instructions,
      audio: { output: { voice: "sage", format: { type: "audio/pcm", rate: 24_000 } } },
    });
  });

  it("rejects an unknown or expired ephemeral key before the upgrade", async () => {
    expect(await upgradeStatus(wsUrl(), ["realtime", "openai-insecure-api-key.ek_nope"])).toBe(401);
    expect(await upgradeStatus(wsUrl(), ["realtime"])).toBe(401);
    const { value } = await clientSecret(session);
    h.clock.advance(601_000);
    expect(await upgradeStatus(wsUrl(), ["realtime", `openai-insecure-api-key.${value}`])).toBe(
      401,
    );
  });
});

describe("OpenAI Realtime session", () => {
  it("negotiates realtime and starts with session.created", async () => {
    const socket = await open();
    expect(socket.ws.protocol).toBe("realtime");
    const created = await socket.next("session.created");
    expect(socket.received[0]?.type).toBe("session.created");
    expect(created.session).toMatchObject({
      object: "realtime.session",
      instructions: session.instructions,
    });
  });

  it("answers a text item with audio deltas and a transcript", async () => {
    const socket = await open();
    socket.send({
      type: "conversation.item.create",
      item: { type: "message", role: "user", content: [{ type: "input_text", text: "hello" }] },
    });
    socket.send({ type: "response.create" });
    await socket.next("response.created");
    const delta = await socket.next("response.output_audio.delta");
    expect(base64ToPcm(String(delta.delta)).length).toBe(2400); // 100 ms at 24 kHz
    h.clock.advance(60_000);
    const done = await socket.next("response.output_audio_transcript.done");
    expect(done.transcript).toBe("Hello! This is Max. How can I help you today?");
    const text = socket
      .all("response.output_audio_transcript.delta")
      .map((d) => d.delta)
      .join("");
    expect(text).toBe(done.transcript);
    expect(await socket.next("response.done")).toMatchObject({ response: { status: "completed" } });
  });

  it("detects speech, transcribes it and responds", async () => {
    const socket = await open();
    for (const chunk of splitPcm(
      new Int16Array([...tone(1200, 24_000), ...silence(700, 24_000)]),
      24_000,
      100,
    )) {
      socket.send({ type: "input_audio_buffer.append", audio: pcmToBase64(chunk) });
    }
    expect(await socket.next("input_audio_buffer.speech_started")).toMatchObject({
      audio_start_ms: 0,
    });
    expect(await socket.next("input_audio_buffer.speech_stopped")).toMatchObject({
      audio_end_ms: 1200,
    });
    const transcription = await socket.next(
      "conversation.item.input_audio_transcription.completed",
    );
    expect(transcription.transcript).toBe("(spoke for 1.2 s)");
    await socket.next("response.created");
    await socket.next("response.output_audio.delta");
  });

  it("cancels the response when the user starts speaking over it", async () => {
    const socket = await open();
    socket.send({
      type: "response.create",
      response: { instructions: 'Say exactly: "Welcome to Acme Bikes."' },
    });
    await socket.next("response.output_audio.delta");
    for (const chunk of splitPcm(tone(300, 24_000), 24_000, 100)) {
      socket.send({ type: "input_audio_buffer.append", audio: pcmToBase64(chunk) });
    }
    await socket.next("input_audio_buffer.speech_started");
    const done = await socket.next("response.done");
    expect(done.response).toMatchObject({
      status: "cancelled",
      status_details: { reason: "turn_detected" },
    });
    expect(socket.all("response.output_audio_transcript.done")[0]?.transcript).toBe(
      "Welcome to Acme Bikes.",
    );
  });
});
