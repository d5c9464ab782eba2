import { WebSocket } from "ws";
import { z } from "zod";
import { base64ToPcm, pcmToBase64, pitchForVoice, synthesiseSpeech } from "./audio";
import type { RealtimeSessionConfig, SimulatorContext } from "./context";
import { type ActiveResponse, itemJson, responseJson } from "./openai-events";
import { applySession, SAMPLE_RATE, SessionInput, sessionJson } from "./openai-session";
import { personaName, replyTo } from "./replies";
import { randomId } from "./signing";
import { Speaker } from "./speaker";
import { VoiceActivityDetector } from "./vad";

const Content = z.object({ type: z.string(), text: z.string().optional() });
const ClientEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("session.update"), session: SessionInput }),
  z.object({ type: z.literal("input_audio_buffer.append"), audio: z.string() }),
  z.object({ type: z.literal("input_audio_buffer.commit") }),
  z.object({ type: z.literal("input_audio_buffer.clear") }),
  z.object({
    type: z.literal("conversation.item.create"),
    item: z.object({
      id: z.string().optional(),
      type: z.literal("message"),
      role: z.enum(["user", "assistant", "system"]),
      content: z.array(Content),
    }),
  }),
  z.object({
    type: z.literal("response.create"),
    response: z.object({ instructions: z.string().optional() }).optional(),
  }),
  z.object({ type: z.literal("response.cancel") }),
]);
type ClientEvent = z.infer<typeof ClientEvent>;

/** One OpenAI Realtime (GA) session over the WebSocket transport. */
export class RealtimeSession {
  private readonly id = randomId("sess_", 12);
  private readonly conversationId = randomId("conv_", 12);
  private vad: VoiceActivityDetector;
  private readonly speaker: Speaker;
  private lastItemId: string | null = null;
  private speechItemId: string | null = null;
  private unanswered: string | null = null;
  private response: ActiveResponse | null = null;
  private bufferedMs = 0;
  private ended = false;

  constructor(
    ctx: SimulatorContext,
    private readonly ws: WebSocket,
    private config: RealtimeSessionConfig,
    private readonly expiresAt: number,
    private readonly onEnded: (session: RealtimeSession) => void,
  ) {
    this.vad = this.newVad();
    this.speaker = new Speaker({
      now: () => ctx.now().getTime(),
      sampleRate: SAMPLE_RATE,
      chunkMs: ctx.timing.chunkMs,
      leadMs: ctx.timing.audioLeadMs,
      tickMs: ctx.timing.tickMs,
    });
    ws.on("message", (data, isBinary) => {
      if (!isBinary) this.receive(data.toString());
    });
    ws.on("close", () => this.end());
    ws.on("error", () => this.end());
    this.send({ type: "session.created", session: sessionJson(this.id, config, expiresAt) });
  }

  shutdown(): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1001, "Server shutting down.");
    this.end();
  }

  private newVad(): VoiceActivityDetector {
    const td = this.config.turnDetection;
    return new VoiceActivityDetector({
      sampleRate: SAMPLE_RATE,
      threshold: 0.04 * (td?.threshold ?? 0.5),
      minSpeechMs: 200,
      minSilenceMs: td?.silenceDurationMs ?? 500,
    });
  }

  private receive(raw: string): void {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      this.error("invalid_json", "The message is not valid JSON.");
      return;
    }
    const parsed = ClientEvent.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.error("invalid_value", issue?.message ?? "Invalid event.", issue?.path.join("."));
      return;
    }
    this.handle(parsed.data);
  }

  private handle(event: ClientEvent): void {
    switch (event.type) {
      case "session.update":
        this.config = applySession(this.config, event.session);
        this.vad = this.newVad();
        this.send({
          type: "session.updated",
          session: sessionJson(this.id, this.config, this.expiresAt),
        });
        return;
      case "input_audio_buffer.append":
        this.hear(event.audio);
        return;
      case "input_audio_buffer.commit":
        if (this.bufferedMs < 100) {
          this.error(
            "input_audio_buffer_commit_empty",
            `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has ${this.bufferedMs.toFixed(2)}ms of audio.`,
          );
          return;
        }
        this.commit(this.speechItemId ?? randomId("item_", 12), this.bufferedMs);
        return;
      case "input_audio_buffer.clear":
        this.bufferedMs = 0;
        this.vad = this.newVad();
        this.send({ type: "input_audio_buffer.cleared" });
        return;
      case "conversation.item.create": {
        const item = { ...event.item, id: event.item.id ?? randomId("item_", 12) };
        const full = { ...item, object: "realtime.item", status: "completed" };
        this.send({
          type: "conversation.item.added",
          previous_item_id: this.lastItemId,
          item: full,
        });
        this.send({
          type: "conversation.item.done",
          previous_item_id: this.lastItemId,
          item: full,
        });
        this.lastItemId = item.id;
        if (item.role === "user") this.unanswered = item.content.map((c) => c.text ?? "").join(" ");
        return;
      }
      case "response.create":
        this.respond(event.response?.instructions);
        return;
      case "response.cancel":
        this.cancel("client_cancelled");
        return;
    }
  }

  private hear(audio: string): void {
    const pcm = base64ToPcm(audio);
    this.bufferedMs += (pcm.length * 1000) / SAMPLE_RATE;
    const td = this.config.turnDetection;
    if (!td) return;
    for (const event of this.vad.push(pcm)) {
      if (event.type === "speech_started") {
        this.speechItemId = randomId("item_", 12);
        this.send({
          type: "input_audio_buffer.speech_started",
          audio_start_ms: event.atMs,
          item_id: this.speechItemId,
        });
        if (td.interruptResponse) this.cancel("turn_detected");
      } else {
        const itemId = this.speechItemId ?? randomId("item_", 12);
        this.send({
          type: "input_audio_buffer.speech_stopped",
          audio_end_ms: event.atMs,
          item_id: itemId,
        });
        this.commit(itemId, event.speechMs);
        if (td.createResponse) this.respond();
      }
    }
  }

  private commit(itemId: string, speechMs: number): void {
    const previous = this.lastItemId;
    this.send({
      type: "input_audio_buffer.committed",
      previous_item_id: previous,
      item_id: itemId,
    });
    const item = {
      id: itemId,
      object: "realtime.item",
      type: "message",
      status: "completed",
      role: "user",
      content: [{ type: "input_audio", transcript: null }],
    };
    this.send({ type: "conversation.item.added", previous_item_id: previous, item });
    this.send({ type: "conversation.item.done", previous_item_id: previous, item });
    this.lastItemId = itemId;
    this.speechItemId = null;
    this.bufferedMs = 0;
    const transcript = `(spoke for ${(speechMs / 1000).toFixed(1)} s)`;
    this.unanswered = transcript;
    if (this.config.transcriptionModel) {
      this.send({
        type: "conversation.item.input_audio_transcription.completed",
        item_id: itemId,
        content_index: 0,
        transcript,
        usage: { type: "duration", seconds: Math.round(speechMs / 100) / 10 },
      });
    }
  }

  private replyText(instructions: string | undefined): string {
    const persona = { prompt: this.config.instructions, language: "en" };
    if (this.unanswered !== null) return replyTo(this.unanswered, persona).text;
    // `response.create` with instructions such as `Say exactly: "…"` speaks the quoted line.
    const quoted = instructions?.match(/["“]([^"”]+)["”]/)?.[1];
    return (
      quoted ?? `Hello! This is ${personaName(this.config.instructions)}. How can I help you today?`
    );
  }

  private respond(instructions?: string): void {
    if (this.response) {
      this.error(
        "conversation_already_has_active_response",
        `Conversation already has an active response in progress: ${this.response.id}.`,
      );
      return;
    }
    const text = this.replyText(instructions);
    this.unanswered = null;
    const response = { id: randomId("resp_", 12), itemId: randomId("item_", 12), text };
    this.response = response;
    const audio = this.config.outputModalities.includes("audio");
    const ids = {
      response_id: response.id,
      item_id: response.itemId,
      output_index: 0,
      content_index: 0,
    };
    this.send({
      type: "response.created",
      response: responseJson(this.config, this.conversationId, response, "in_progress", []),
    });
    const item = itemJson(response, "in_progress", audio, "");
    this.send({
      type: "response.output_item.added",
      response_id: response.id,
      output_index: 0,
      item: { ...item, content: [] },
    });
    this.send({
      type: "conversation.item.added",
      previous_item_id: this.lastItemId,
      item: { ...item, content: [] },
    });
    this.lastItemId = response.itemId;
    const part = audio ? { type: "audio", transcript: "" } : { type: "text", text: "" };
    this.send({ type: "response.content_part.added", ...ids, part });
    for (const word of text.match(/\S+\s*/g) ?? []) {
      const type = audio ? "response.output_audio_transcript.delta" : "response.output_text.delta";
      this.send({ type, ...ids, delta: word });
    }
    if (!audio) {
      this.finish("completed");
      return;
    }
    this.speaker.speak({
      pcm: synthesiseSpeech(text, SAMPLE_RATE, pitchForVoice(this.config.voice)),
      send: (chunk) =>
        this.send({ type: "response.output_audio.delta", ...ids, delta: pcmToBase64(chunk) }),
      onSent: () => this.finish("completed"),
    });
  }

  private cancel(reason: "turn_detected" | "client_cancelled"): void {
    if (!this.response) return;
    this.speaker.cancel();
    this.finish("cancelled", reason);
  }

  private finish(status: "completed" | "cancelled", reason?: string): void {
    const response = this.response;
    if (!response) return;
    this.response = null;
    const audio = this.config.outputModalities.includes("audio");
    const ids = {
      response_id: response.id,
      item_id: response.itemId,
      output_index: 0,
      content_index: 0,
    };
    if (audio) {
      this.send({ type: "response.output_audio.done", ...ids });
      this.send({
        type: "response.output_audio_transcript.done",
        ...ids,
        transcript: response.text,
      });
      this.send({
        type: "response.content_part.done",
        ...ids,
        part: { type: "audio", transcript: response.text },
      });
    } else {
      this.send({ type: "response.output_text.done", ...ids, text: response.text });
      this.send({
        type: "response.content_part.done",
        ...ids,
        part: { type: "text", text: response.text },
      });
    }
    const item = itemJson(
      response,
      status === "completed" ? "completed" : "incomplete",
      audio,
      response.text,
    );
    this.send({
      type: "response.output_item.done",
      response_id: response.id,
      output_index: 0,
      item,
    });
    this.send({ type: "conversation.item.done", item });
    const done = responseJson(this.config, this.conversationId, response, status, [item]);
    this.send({
      type: "response.done",
      response: { ...done, status_details: reason ? { type: "cancelled", reason } : null },
    });
  }

  private error(code: string, message: string, param: string | null = null): void {
    this.send({
      type: "error",
      error: { type: "invalid_request_error", code, message, param, event_id: null },
    });
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.speaker.close();
    this.onEnded(this);
  }

  private send(event: object): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(JSON.stringify({ event_id: randomId("event_", 12), ...event }));
  }
}
