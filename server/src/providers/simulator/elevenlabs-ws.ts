import { WebSocket } from "ws";
import { base64ToPcm, pcmToBase64, pitchForVoice, synthesiseSpeech } from "./audio";
import type { SimulatorContext } from "./context";
import {
  type ClientData,
  type ClientMessage,
  parseInbound,
  pickString,
  type TranscriptEntry,
} from "./elevenlabs-messages";
import { fillVariables, parseToolCommand, replyTo } from "./replies";
import { type ConversationGrant, randomId } from "./signing";
import { Speaker } from "./speaker";
import { VoiceActivityDetector } from "./vad";
import { deliverWebhook, postCallTranscription } from "./webhook";

const SAMPLE_RATE = 16_000;
const AUDIO_FORMAT = "pcm_16000";
const MISSED_PONGS_LIMIT = 5;
const DURATION_CHECK_MS = 250;

/** `metadata.termination_reason` values, one per way a call can end. */
export const TerminationReason = {
  agent: "end_call tool was called.",
  client: "Client disconnected.",
  max_duration: "Maximum call duration reached.",
  ping_timeout: "Client stopped answering pings.",
  shutdown: "Server shutting down.",
} as const;
type EndReason = keyof typeof TerminationReason;

interface Persona {
  prompt: string;
  firstMessage: string;
  language: string;
  voiceId: string;
  textOnly: boolean;
}

/** One ElevenLabs Agents conversation over the `convai` WebSocket protocol. */
export class ElevenLabsConversation {
  readonly conversationId = randomId("conv_");
  private readonly startedAt: number;
  private state: "awaiting_init" | "active" | "ended" = "awaiting_init";
  private persona: Persona;
  private clientData: ClientData | null = null;
  private readonly transcript: TranscriptEntry[] = [];
  private eventId = 0;
  private readonly speaker: Speaker;
  private readonly vad = new VoiceActivityDetector({ sampleRate: SAMPLE_RATE });
  private readonly pings = new Map<number, number>();
  private lastPingMs: number | null = null;
  private pendingTool: { id: string; name: string; timer: NodeJS.Timeout } | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private hadUserAudio = false;
  private hadAgentAudio = false;

  constructor(
    private readonly ctx: SimulatorContext,
    private readonly ws: WebSocket,
    private readonly grant: ConversationGrant,
    private readonly onEnded: (conversation: ElevenLabsConversation) => void,
  ) {
    const now = () => ctx.now().getTime();
    this.startedAt = now();
    this.speaker = new Speaker({
      now,
      sampleRate: SAMPLE_RATE,
      chunkMs: ctx.timing.chunkMs,
      leadMs: ctx.timing.audioLeadMs,
      tickMs: ctx.timing.tickMs,
    });
    const config = ctx.agents.get(grant.agentId)?.conversation_config;
    this.persona = {
      prompt: pickString(config, "agent", "prompt", "prompt") ?? "",
      firstMessage:
        pickString(config, "agent", "first_message") ?? "Hello! How can I help you today?",
      language: pickString(config, "agent", "language") ?? "en",
      voiceId: pickString(config, "tts", "voice_id") ?? "21m00Tcm4TlvDq8ikWAM",
      textOnly: false,
    };
    ws.on("message", (data, isBinary) => {
      if (!isBinary) this.receive(data.toString());
    });
    ws.on("close", () => this.end("client"));
    ws.on("error", () => this.end("client"));
    this.timers.push(setTimeout(() => this.begin(null), ctx.timing.initTimeoutMs));
  }

  /** Ends the call from the server side (shutdown). */
  shutdown(): void {
    this.end("shutdown");
  }

  private receive(raw: string): void {
    if (this.state === "ended") return;
    const inbound = parseInbound(raw);
    if (inbound.kind === "ignored") return;
    if (
      inbound.kind === "message" &&
      inbound.message.type === "conversation_initiation_client_data"
    ) {
      this.begin(inbound.message);
      return;
    }
    // Anything else before the client data means the client sent none: start with defaults.
    this.begin(null);
    if (this.checkDuration()) return;
    if (inbound.kind === "audio") this.hear(inbound.chunk);
    else this.handle(inbound.message);
  }

  private begin(data: ClientData | null): void {
    if (this.state !== "awaiting_init") return;
    this.state = "active";
    this.clientData = data;
    const override = data?.conversation_config_override;
    const variables = this.variables();
    const p = this.persona;
    this.persona = {
      prompt: fillVariables(override?.agent?.prompt?.prompt ?? p.prompt, variables),
      firstMessage: fillVariables(override?.agent?.first_message ?? p.firstMessage, variables),
      language: override?.agent?.language ?? p.language,
      voiceId: override?.tts?.voice_id ?? p.voiceId,
      textOnly: override?.conversation?.text_only ?? false,
    };
    this.send({
      type: "conversation_initiation_metadata",
      conversation_initiation_metadata_event: {
        conversation_id: this.conversationId,
        agent_output_audio_format: AUDIO_FORMAT,
        user_input_audio_format: AUDIO_FORMAT,
      },
    });
    this.timers.push(setInterval(() => this.ping(), this.ctx.timing.pingIntervalMs));
    this.timers.push(setInterval(() => this.checkDuration(), DURATION_CHECK_MS));
    if (this.persona.firstMessage) this.say(this.persona.firstMessage);
  }

  private variables(): Record<string, unknown> {
    return {
      ...(this.clientData?.dynamic_variables ?? {}),
      system__agent_id: this.grant.agentId,
      system__conversation_id: this.conversationId,
    };
  }

  private handle(message: ClientMessage): void {
    switch (message.type) {
      case "user_message":
        this.userTurn(message.text ?? "");
        return;
      case "pong": {
        const sentAt = this.pings.get(message.event_id);
        if (sentAt !== undefined) this.lastPingMs = this.ctx.now().getTime() - sentAt;
        this.pings.delete(message.event_id);
        return;
      }
      case "client_tool_result":
        this.toolResult(message.tool_call_id, message.result, message.is_error ?? false);
        return;
      default:
        // contextual_update, user_activity, feedback: accepted without a reply.
        return;
    }
  }

  private hear(chunk: string): void {
    if (this.persona.textOnly) return;
    const pcm = base64ToPcm(chunk);
    for (const event of this.vad.push(pcm)) {
      if (event.type === "speech_started") {
        this.hadUserAudio = true;
        this.interruptIfSpeaking();
      } else {
        this.userTurn(`(spoke for ${(event.speechMs / 1000).toFixed(1)} s)`, true);
      }
    }
  }

  private interruptIfSpeaking(): void {
    if (!this.speaker.cancel()) return;
    this.send({ type: "interruption", interruption_event: { event_id: this.nextId() } });
  }

  private userTurn(text: string, spoken = false): void {
    if (!text.trim()) return;
    this.transcript.push({ role: "user", message: text, time_in_call_secs: this.secondsIn() });
    if (spoken) {
      this.send({
        type: "user_transcript",
        user_transcription_event: { user_transcript: text, event_id: this.nextId() },
      });
    } else {
      this.interruptIfSpeaking();
    }
    const tool = parseToolCommand(text);
    if (tool && "error" in tool) {
      this.say(tool.error);
      return;
    }
    if (tool) {
      this.callTool(tool.toolName, tool.parameters);
      return;
    }
    const reply = replyTo(text, this.persona);
    this.say(reply.text, reply.endCall ? () => this.end("agent") : undefined);
  }

  private callTool(name: string, parameters: Record<string, unknown>): void {
    if (this.pendingTool) {
      this.say("I am still waiting for the previous tool to answer.");
      return;
    }
    const id = randomId("toolu_", 12);
    const timer = setTimeout(() => {
      this.pendingTool = null;
      this.say(`The tool ${name} did not answer in time.`);
    }, this.ctx.timing.toolTimeoutMs);
    this.pendingTool = { id, name, timer };
    this.send({
      type: "client_tool_call",
      client_tool_call: {
        tool_name: name,
        tool_call_id: id,
        parameters,
        expects_response: true,
        event_id: this.nextId(),
      },
    });
  }

  private toolResult(id: string, result: unknown, isError: boolean): void {
    const pending = this.pendingTool;
    if (!pending || pending.id !== id) return;
    clearTimeout(pending.timer);
    this.pendingTool = null;
    const text = typeof result === "string" ? result : JSON.stringify(result);
    this.say(
      isError
        ? `The tool ${pending.name} failed: ${text}`
        : `The tool ${pending.name} returned: ${text}`,
    );
  }

  private say(text: string, then?: () => void): void {
    const eventId = this.nextId();
    this.transcript.push({ role: "agent", message: text, time_in_call_secs: this.secondsIn() });
    this.send({
      type: "agent_response",
      agent_response_event: { agent_response: text, event_id: eventId },
    });
    if (this.persona.textOnly) {
      then?.();
      return;
    }
    this.hadAgentAudio = true;
    this.speaker.speak({
      pcm: synthesiseSpeech(text, SAMPLE_RATE, pitchForVoice(this.persona.voiceId)),
      send: (chunk) =>
        this.send({
          type: "audio",
          audio_event: { audio_base_64: pcmToBase64(chunk), event_id: this.nextId() },
        }),
      onFinished: () => then?.(),
    });
  }

  private ping(): void {
    if (this.pings.size >= MISSED_PONGS_LIMIT) {
      this.end("ping_timeout");
      return;
    }
    const eventId = this.nextId();
    this.pings.set(eventId, this.ctx.now().getTime());
    this.send({ type: "ping", ping_event: { event_id: eventId, ping_ms: this.lastPingMs } });
  }

  /** Ends the call when it has run its allowed time; returns whether it did. */
  private checkDuration(): boolean {
    if (this.state !== "active") return false;
    const elapsedMs = this.ctx.now().getTime() - this.startedAt;
    if (elapsedMs < this.grant.maxDurationSeconds * 1000) return false;
    this.end("max_duration");
    return true;
  }

  private end(reason: EndReason): void {
    if (this.state === "ended") return;
    const started = this.state === "active";
    this.state = "ended";
    for (const timer of this.timers) clearTimeout(timer);
    if (this.pendingTool) clearTimeout(this.pendingTool.timer);
    this.speaker.close();
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      const code = reason === "ping_timeout" ? 1008 : reason === "shutdown" ? 1001 : 1000;
      this.ws.close(code, TerminationReason[reason]);
    }
    this.onEnded(this);
    if (!started) return;
    const body = postCallTranscription({
      agentId: this.grant.agentId,
      conversationId: this.conversationId,
      startedAtMs: this.startedAt,
      endedAtMs: this.ctx.now().getTime(),
      terminationReason: TerminationReason[reason],
      transcript: this.transcript,
      conversationConfigOverride: this.clientData?.conversation_config_override,
      dynamicVariables: this.clientData?.dynamic_variables ?? {},
      userId: this.clientData?.user_id ?? null,
      hadUserAudio: this.hadUserAudio,
      hadAgentAudio: this.hadAgentAudio,
    });
    void deliverWebhook(this.ctx, body);
  }

  private send(message: object): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  private nextId(): number {
    this.eventId += 1;
    return this.eventId;
  }

  private secondsIn(): number {
    return Math.floor((this.ctx.now().getTime() - this.startedAt) / 1000);
  }
}
