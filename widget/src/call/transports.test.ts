import type { PartialOptions } from "@elevenlabs/client";
import { expect } from "@open-wc/testing";
import { connection } from "../test/helpers";
import { elevenLabsTransport } from "./elevenlabs";
import { openAITransport } from "./openai";
import type { Mode, Role, TransportEvents } from "./transport";

function recorder() {
  const log: string[] = [];
  const events: TransportEvents = {
    onConnect: () => log.push("connect"),
    onMessage: (role: Role, text: string) => log.push(`${role}:${text}`),
    onMode: (mode: Mode) => log.push(`mode:${mode}`),
    onDisconnect: (reason) => log.push(`disconnect:${reason}`),
  };
  return { log, events };
}

const options = {
  textOnly: false,
  clientTools: { openCart: () => "ok" },
  stream: null,
  workletBase: "https://api.parley.test/widget/v1/worklets/",
  firstMessage: "Hi! How can I help?",
};

describe("ElevenLabs transport", () => {
  it("starts a WebSocket session with the signed URL, persona overrides and file worklets", async () => {
    let seen: PartialOptions | null = null;
    const calls: string[] = [];
    const factory = elevenLabsTransport(async (opts) => {
      seen = opts;
      opts.onConnect?.({ conversationId: "c1" });
      return {
        sendUserMessage: (text) => calls.push(`send:${text}`),
        setMicMuted: (muted) => calls.push(`mute:${muted}`),
        getOutputVolume: () => 0.7,
        getInputVolume: () => 0.2,
        endSession: async () => {
          calls.push("end");
        },
      };
    });
    const { log, events } = recorder();
    const transport = await factory(connection, options, events);
    const started = seen as PartialOptions | null;
    expect(started?.signedUrl).to.equal("wss://provider.test/convai");
    expect(started?.connectionType).to.equal("websocket");
    expect(started?.overrides?.agent?.firstMessage).to.equal("Hello");
    expect(started?.overrides?.tts?.voiceId).to.equal("v1");
    expect(started?.clientTools).to.equal(options.clientTools);
    expect(started?.workletPaths?.rawAudioProcessor).to.equal(
      "https://api.parley.test/widget/v1/worklets/rawAudioProcessor.js",
    );
    started?.onMessage?.({ source: "ai", role: "agent", message: "Hi" });
    started?.onMessage?.({ source: "user", role: "user", message: "Hello back" });
    started?.onModeChange?.({ mode: "speaking" });
    started?.onDisconnect?.({ reason: "agent" });
    transport.sendText("typed");
    transport.setMuted(true);
    expect(transport.outputLevel()).to.equal(0.7);
    await transport.close();
    started?.onDisconnect?.({ reason: "user" });
    expect(log).to.deep.equal([
      "connect",
      "agent:Hi",
      "user:Hello back",
      "mode:speaking",
      "disconnect:agent_ended",
    ]);
    expect(calls).to.deep.equal(["send:typed", "mute:true", "end"]);
  });
});

class FakeSocket extends EventTarget {
  readyState: number = WebSocket.CONNECTING;
  sent: Array<Record<string, unknown>> = [];
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    super();
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    this.readyState = WebSocket.CLOSED;
    this.dispatchEvent(new CloseEvent("close", { code }));
  }
  serverSends(event: Record<string, unknown>) {
    this.readyState = WebSocket.OPEN;
    this.dispatchEvent(new MessageEvent("message", { data: JSON.stringify(event) }));
  }
}

describe("OpenAI Realtime transport", () => {
  it("authenticates by subprotocol, speaks the GA events and ends on a normal close", async () => {
    let socket: FakeSocket | null = null;
    const factory = openAITransport((url, protocols) => {
      socket = new FakeSocket(url, protocols);
      // The test stands in for the browser's WebSocket; only the members used are real.
      return socket as unknown as WebSocket;
    });
    const { log, events } = recorder();
    const opening = factory(
      {
        provider: "openai",
        url: "wss://realtime.test/v1/realtime",
        clientSecret: "ek_1",
        model: "gpt-realtime",
        voice: "alloy",
      },
      { ...options, textOnly: true },
      events,
    );
    const fake = socket as FakeSocket | null;
    if (!fake) throw new Error("no socket");
    expect(fake.url).to.equal("wss://realtime.test/v1/realtime?model=gpt-realtime");
    expect(fake.protocols).to.deep.equal(["realtime", "openai-insecure-api-key.ek_1"]);
    fake.serverSends({ type: "session.created", session: {} });
    const transport = await opening;
    // Asked while the greeting is still being spoken: the reply waits for its end.
    transport.sendText("hola");
    expect(fake.sent.filter((e) => e.type === "response.create")).to.have.length(1);
    fake.serverSends({ type: "response.done", response: { status: "completed" } });
    expect(fake.sent).to.deep.equal([
      { type: "response.create", response: { instructions: 'Say exactly: "Hi! How can I help?"' } },
      {
        type: "conversation.item.create",
        item: { type: "message", role: "user", content: [{ type: "input_text", text: "hola" }] },
      },
      { type: "response.create" },
    ]);
    fake.serverSends({ type: "response.created" });
    fake.serverSends({
      type: "response.output_audio.delta",
      delta: btoa("\u0000\u0000\u0010\u0000"),
    });
    fake.serverSends({ type: "response.output_audio_transcript.done", transcript: "¡Hola!" });
    fake.serverSends({
      type: "conversation.item.input_audio_transcription.completed",
      transcript: "hola",
    });
    fake.close(1000);
    expect(log).to.deep.equal([
      "connect",
      "mode:listening",
      "mode:speaking",
      "agent:¡Hola!",
      "user:hola",
      "disconnect:agent_ended",
    ]);
  });
});
