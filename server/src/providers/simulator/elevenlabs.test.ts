import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { base64ToPcm, pcmToBase64, silence, splitPcm, tone } from "./audio";
import { type Harness, type Json, startHarness, TestSocket, upgradeStatus } from "./testing";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const key = { "xi-api-key": "sim-key" };

async function signedUrl(agentId = "agent_test"): Promise<string> {
  const res = await fetch(
    `${h.base}/simulator/elevenlabs/v1/convai/conversation/get-signed-url?agent_id=${agentId}`,
    { headers: key },
  );
  expect(res.status).toBe(200);
  return z.object({ signed_url: z.string() }).parse(await res.json()).signed_url;
}

const clientData = {
  type: "conversation_initiation_client_data",
  conversation_config_override: {
    agent: {
      prompt: {
        prompt: "You are Ava, the front desk of Acme Dental. We are open 9 to 5 on weekdays.",
      },
      first_message: "Hi {{customer}}, this is Ava from Acme Dental.",
      language: "en",
    },
    tts: { voice_id: "EXAVITQu4vr4xnSDxMaL" },
  },
  dynamic_variables: { customer: "Sam", parley_session_id: "ses_123" },
};

/** Opens a conversation, sends the client data and waits for the first agent_response. */
async function startCall(url?: string): Promise<TestSocket> {
  const socket = await TestSocket.open(`${url ?? (await signedUrl())}&source=js_sdk`, ["convai"]);
  socket.send(clientData);
  await socket.next("agent_response");
  return socket;
}

function sendAudio(socket: TestSocket, pcm: Int16Array): void {
  for (const chunk of splitPcm(pcm, 16_000, 100))
    socket.send({ user_audio_chunk: pcmToBase64(chunk) });
}

function verifySignature(header: string | string[] | undefined, raw: string): boolean {
  const match = String(header).match(/^t=(\d+),v0=([0-9a-f]{64})$/);
  if (!match) return false;
  const expected = createHmac("sha256", "whsec_test").update(`${match[1]}.${raw}`).digest("hex");
  return expected === match[2];
}

describe("ElevenLabs signed URL", () => {
  it("refuses get-signed-url without an xi-api-key", async () => {
    const res = await fetch(
      `${h.base}/simulator/elevenlabs/v1/convai/conversation/get-signed-url?agent_id=agent_x`,
    );
    expect(res.status).toBe(401);
  });

  it("returns a ws URL carrying the agent and a signature", async () => {
    const url = new URL(await signedUrl("agent_abc"));
    expect(url.protocol).toBe("ws:");
    expect(url.pathname).toBe("/simulator/elevenlabs/v1/convai/conversation");
    expect(url.searchParams.get("agent_id")).toBe("agent_abc");
    expect(url.searchParams.get("conversation_signature")).toMatch(/\S{20,}/);
  });

  it("rejects an unsigned URL with 401 before the upgrade", async () => {
    const url = `${h.base.replace("http", "ws")}/simulator/elevenlabs/v1/convai/conversation?agent_id=agent_x`;
    expect(await upgradeStatus(url, ["convai"])).toBe(401);
  });

  it("rejects a tampered URL with 403", async () => {
    const url = new URL(await signedUrl());
    url.searchParams.set("max_duration", "99999");
    expect(await upgradeStatus(url.toString(), ["convai"])).toBe(403);
  });

  it("rejects a URL older than 15 minutes with 403", async () => {
    const url = await signedUrl();
    h.clock.advance(15 * 60 * 1000 + 1000);
    expect(await upgradeStatus(url, ["convai"])).toBe(403);
  });
});

describe("ElevenLabs conversation", () => {
  it("negotiates convai and sends the initiation metadata first", async () => {
    const socket = await TestSocket.open(await signedUrl(), ["convai"]);
    expect(socket.ws.protocol).toBe("convai");
    socket.send(clientData);
    await socket.next("agent_response");
    expect(socket.received[0]).toMatchObject({
      type: "conversation_initiation_metadata",
      conversation_initiation_metadata_event: {
        conversation_id: expect.stringMatching(/^conv_/),
        agent_output_audio_format: "pcm_16000",
        user_input_audio_format: "pcm_16000",
      },
    });
  });

  it("speaks the overridden first message with dynamic variables, as text and audio", async () => {
    const socket = await TestSocket.open(await signedUrl(), ["convai"]);
    socket.send(clientData);
    const response = await socket.next("agent_response");
    expect(response.agent_response_event).toMatchObject({
      agent_response: "Hi Sam, this is Ava from Acme Dental.",
    });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const audio = await socket.next("audio");
      const event = audio.audio_event as { audio_base_64: string; event_id: number };
      const pcm = base64ToPcm(event.audio_base_64);
      expect(pcm.length).toBe(1600); // 100 ms at 16 kHz
      expect(Math.max(...pcm.map(Math.abs))).toBeGreaterThan(1000);
      ids.push(event.event_id);
    }
    expect(ids[1]).toBeGreaterThan(ids[0] ?? Infinity);
    expect(ids[2]).toBeGreaterThan(ids[1] ?? Infinity);
  });

  it("pings and measures the pong; five unanswered pings end the call", async () => {
    await h.close();
    h = await startHarness({ pingIntervalMs: 30 });
    const socket = await startCall();
    const ping = await socket.next("ping");
    const eventId = (ping.ping_event as { event_id: number }).event_id;
    socket.send({ type: "pong", event_id: eventId });
    h.clock.advance(40);
    const second = await socket.next("ping");
    expect(second.ping_event).toMatchObject({ ping_ms: 40 });
    expect((await socket.closed).code).toBe(1008);
  });

  it("answers a text message using the persona", async () => {
    const socket = await startCall();
    socket.send({ type: "user_message", text: "Hello there" });
    const reply = await socket.next("agent_response");
    expect(reply.agent_response_event).toMatchObject({
      agent_response: "Hello! This is Ava. How can I help you today?",
    });
    socket.send({ type: "contextual_update", text: "user opened the pricing page" });
    socket.send({ type: "user_message", text: "When are you open?" });
    const hours = await socket.next("agent_response");
    expect(JSON.stringify(hours)).toContain("open 9 to 5 on weekdays");
  });

  it("detects speech in microphone audio and replies to it", async () => {
    const socket = await startCall();
    h.clock.advance(60_000); // the greeting has finished playing
    sendAudio(socket, silence(300, 16_000));
    sendAudio(socket, tone(1400, 16_000));
    sendAudio(socket, silence(800, 16_000));
    const transcript = await socket.next("user_transcript");
    expect(transcript.user_transcription_event).toMatchObject({
      user_transcript: "(spoke for 1.4 s)",
    });
    const reply = await socket.next("agent_response");
    expect(JSON.stringify(reply)).toContain("1.4 seconds");
    expect(socket.all("interruption")).toHaveLength(0);
  });

  it("interrupts its own audio when the user talks over it", async () => {
    const socket = await startCall();
    await socket.next("audio");
    sendAudio(socket, tone(400, 16_000));
    const interruption = await socket.next("interruption");
    const id = (interruption.interruption_event as { event_id: number }).event_id;
    const before = socket.all("audio").length;
    h.clock.advance(5_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const audio = socket.all("audio").map((m) => (m.audio_event as { event_id: number }).event_id);
    expect(audio.length).toBe(before);
    expect(Math.max(...audio)).toBeLessThan(id);
  });

  it("calls a client tool and speaks its result", async () => {
    const socket = await startCall();
    socket.send({ type: "user_message", text: 'test: client tool open_calendar {"day":"monday"}' });
    const call = await socket.next("client_tool_call");
    const toolCall = call.client_tool_call as Json & { tool_call_id: string };
    expect(toolCall).toMatchObject({
      tool_name: "open_calendar",
      parameters: { day: "monday" },
      expects_response: true,
    });
    socket.send({
      type: "client_tool_result",
      tool_call_id: toolCall.tool_call_id,
      result: "opened",
      is_error: false,
    });
    const reply = await socket.next("agent_response");
    expect(reply.agent_response_event).toMatchObject({
      agent_response: "The tool open_calendar returned: opened",
    });
  });

  it("says goodbye, hangs up with 1000 and posts a signed post-call webhook", async () => {
    const socket = await startCall();
    h.clock.advance(12_000);
    socket.send({ type: "user_message", text: "ok, goodbye" });
    await socket.next("agent_response");
    const webhook = h.nextWebhook();
    h.clock.advance(30_000); // let the goodbye play out
    expect((await socket.closed).code).toBe(1000);
    const { headers, raw } = await webhook;
    expect(verifySignature(headers["elevenlabs-signature"], raw)).toBe(true);
    const body = JSON.parse(raw);
    expect(body).toMatchObject({
      type: "post_call_transcription",
      data: {
        agent_id: "agent_test",
        status: "done",
        metadata: { call_duration_secs: 42, termination_reason: "end_call tool was called." },
        conversation_initiation_client_data: {
          dynamic_variables: { parley_session_id: "ses_123" },
        },
      },
    });
    expect(body.data.transcript.map((t: Json) => [t.role, t.time_in_call_secs])).toEqual([
      ["agent", 0],
      ["user", 12],
      ["agent", 12],
    ]);
  });

  it("ends the call with 1000 at the agent's max duration and reports it", async () => {
    const create = await fetch(`${h.base}/simulator/elevenlabs/v1/convai/agents/create`, {
      method: "POST",
      headers: { ...key, "content-type": "application/json" },
      body: JSON.stringify({ conversation_config: { conversation: { max_duration_seconds: 30 } } }),
    });
    const { agent_id } = z.object({ agent_id: z.string() }).parse(await create.json());
    const socket = await startCall(await signedUrl(agent_id));
    const webhook = h.nextWebhook();
    h.clock.advance(30_000);
    expect((await socket.closed).code).toBe(1000);
    const body = JSON.parse((await webhook).raw);
    expect(body.data.metadata).toMatchObject({
      call_duration_secs: 30,
      termination_reason: "Maximum call duration reached.",
    });
  });

  it("retries the webhook until the server accepts it", async () => {
    h.webhookStatuses.push(500, 503);
    const socket = await startCall();
    socket.ws.close(1000);
    await h.nextWebhook();
    await h.nextWebhook();
    const third = await h.nextWebhook();
    expect(h.webhooks).toHaveLength(3);
    expect(verifySignature(third.headers["elevenlabs-signature"], third.raw)).toBe(true);
    expect(JSON.parse(third.raw).data.metadata.termination_reason).toBe("Client disconnected.");
  });
});
