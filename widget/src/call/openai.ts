import type { ConnectResponse } from "@parley/types";
import { fromBase64, MicCapture, PcmPlayer, toBase64 } from "./audio";
import type { ClientTools, Transport, TransportEvents, TransportFactory } from "./transport";

/** OpenAI Realtime (GA) carries PCM16 mono at 24 kHz both ways by default. */
const SAMPLE_RATE = 24000;

type OpenAIConnection = Extract<ConnectResponse, { provider: "openai" }>;

/** The WebSocket constructor, injectable so tests can stand in for the provider. */
export type CreateSocket = (url: string, protocols: string[]) => WebSocket;

type ServerEvent = { type: string } & Record<string, unknown>;

function parseEvent(data: unknown): ServerEvent | null {
  if (typeof data !== "string") return null;
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed === "object" && parsed !== null && "type" in parsed) {
      // Checked just above: an object with a `type`; the fields we read are checked on use.
      return parsed as ServerEvent;
    }
  } catch {
    // A frame we cannot read is not worth ending the call over.
  }
  return null;
}

const str = (value: unknown): string => (typeof value === "string" ? value : "");

export function realtimeUrl(connection: OpenAIConnection): string {
  const url = new URL(connection.url);
  if (!url.searchParams.has("model")) url.searchParams.set("model", connection.model);
  return url.href;
}

/**
 * A small client for OpenAI Realtime over WebSocket from the browser: the ephemeral
 * client secret rides in the subprotocol list (browsers cannot set headers), the
 * microphone goes up as `input_audio_buffer.append`, the agent's audio comes down as
 * `response.output_audio.delta`.
 */
export function openAITransport(
  createSocket: CreateSocket = (url, protocols) => new WebSocket(url, protocols),
): TransportFactory {
  return (connection, options, events) => {
    if (connection.provider !== "openai") {
      return Promise.reject(new Error("not an OpenAI connection"));
    }
    const socket = createSocket(realtimeUrl(connection), [
      "realtime",
      `openai-insecure-api-key.${connection.clientSecret}`,
    ]);
    return new Promise<Transport>((resolve, reject) => {
      const call = new RealtimeCall(socket, options.clientTools, events);
      let connected = false;
      socket.addEventListener("message", (message) => {
        const event = parseEvent(message.data);
        if (!event) return;
        if (!connected && event.type === "session.created") {
          connected = true;
          call
            .startAudio(options.stream, new URL("pcm16-capture.js", options.workletBase).href)
            .then(() => {
              resolve(call);
              events.onConnect();
              events.onMode("listening");
              // Realtime waits for the user; the persona speaks first, word for word.
              if (options.firstMessage) call.greet(options.firstMessage);
            })
            .catch((error: unknown) => {
              call.close();
              reject(error);
            });
          return;
        }
        if (!connected && event.type === "error") {
          reject(new Error(str((event.error as { message?: unknown } | undefined)?.message)));
          socket.close();
          return;
        }
        call.handle(event);
      });
      socket.addEventListener("close", (close) => {
        if (!connected) reject(new Error(`closed before the session started (${close.code})`));
        else call.closedByServer(close.code);
      });
      socket.addEventListener("error", () => {
        if (!connected) reject(new Error("could not open the Realtime WebSocket"));
      });
    });
  };
}

class RealtimeCall implements Transport {
  private context: AudioContext | null = null;
  private mic: MicCapture | null = null;
  private player: PcmPlayer | null = null;
  private closing = false;
  private responding = false;
  private pendingResponse = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly clientTools: ClientTools,
    private readonly events: TransportEvents,
  ) {}

  greet(text: string) {
    this.requestResponse({ instructions: `Say exactly: ${JSON.stringify(text)}` });
  }

  /**
   * Realtime allows one active response per conversation: asking while the agent is still
   * answering is refused, so a request made then waits for `response.done`.
   */
  private requestResponse(response?: Record<string, unknown>) {
    if (this.responding) {
      this.pendingResponse = true;
      return;
    }
    this.responding = true;
    this.send(response ? { type: "response.create", response } : { type: "response.create" });
  }

  async startAudio(stream: MediaStream | null, workletUrl: string) {
    this.context = new AudioContext();
    this.player = new PcmPlayer(this.context, SAMPLE_RATE, () => {
      if (!this.responding) this.events.onMode("listening");
    });
    if (stream) {
      this.mic = new MicCapture(this.context, stream);
      await this.mic.start(workletUrl, SAMPLE_RATE, (pcm) =>
        this.send({ type: "input_audio_buffer.append", audio: toBase64(pcm) }),
      );
    }
    await this.context.resume();
  }

  private send(event: Record<string, unknown>) {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(event));
  }

  handle(event: ServerEvent) {
    switch (event.type) {
      case "response.created":
        this.responding = true;
        break;
      case "response.output_audio.delta":
        if (!this.player?.active) this.events.onMode("speaking");
        this.player?.enqueue(fromBase64(str(event.delta)));
        break;
      case "response.output_audio_transcript.done": {
        const text = str(event.transcript).trim();
        if (text) this.events.onMessage("agent", text);
        break;
      }
      case "conversation.item.input_audio_transcription.completed": {
        const text = str(event.transcript).trim();
        if (text) this.events.onMessage("user", text);
        break;
      }
      case "input_audio_buffer.speech_started":
        this.player?.interrupt();
        this.events.onMode("listening");
        break;
      case "response.done":
        this.responding = false;
        if (this.pendingResponse) {
          this.pendingResponse = false;
          this.requestResponse();
        } else if (!this.player?.active) this.events.onMode("listening");
        break;
      case "error":
        // A refused request must not leave later ones waiting for a response that never ends.
        this.responding = false;
        if (this.pendingResponse) {
          this.pendingResponse = false;
          this.requestResponse();
        }
        break;
      case "response.function_call_arguments.done":
        void this.callTool(str(event.call_id), str(event.name), str(event.arguments));
        break;
    }
  }

  private async callTool(callId: string, name: string, args: string) {
    let output: string;
    const tool = this.clientTools[name];
    try {
      if (!tool) throw new Error(`no client tool named ${name}`);
      const parsed: unknown = args ? JSON.parse(args) : {};
      const params = typeof parsed === "object" && parsed !== null ? { ...parsed } : {};
      output = String((await tool(params)) ?? "");
    } catch (error) {
      output = JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
    }
    this.send({
      type: "conversation.item.create",
      item: { type: "function_call_output", call_id: callId, output },
    });
    this.requestResponse();
  }

  closedByServer(code: number) {
    if (this.closing) return;
    this.teardown();
    this.events.onDisconnect(code === 1000 ? "agent_ended" : "network", `close ${code}`);
  }

  sendText(text: string) {
    this.send({
      type: "conversation.item.create",
      item: { type: "message", role: "user", content: [{ type: "input_text", text }] },
    });
    this.requestResponse();
  }

  setMuted(muted: boolean) {
    this.mic?.setMuted(muted);
  }

  outputLevel(): number {
    return this.player?.level() ?? 0;
  }

  inputLevel(): number {
    return this.mic?.level ?? 0;
  }

  private teardown() {
    this.closing = true;
    this.player?.interrupt();
    this.mic?.stop();
    void this.context?.close().catch(() => undefined);
  }

  async close() {
    if (this.closing) return;
    this.teardown();
    this.socket.close(1000);
  }
}
