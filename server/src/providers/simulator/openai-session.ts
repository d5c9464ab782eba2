import { z } from "zod";
import type { RealtimeSessionConfig } from "./context";

/** A Realtime GA session object as clients send it (client secret or `session.update`). */
const TurnDetection = z.object({
  type: z.string(),
  threshold: z.number().min(0).max(1).optional(),
  silence_duration_ms: z.number().int().min(0).optional(),
  prefix_padding_ms: z.number().int().min(0).optional(),
  create_response: z.boolean().optional(),
  interrupt_response: z.boolean().optional(),
});
export const SessionInput = z.object({
  type: z.literal("realtime").optional(),
  model: z.string().optional(),
  instructions: z.string().optional(),
  output_modalities: z
    .array(z.enum(["audio", "text"]))
    .min(1)
    .optional(),
  audio: z
    .object({
      input: z
        .object({
          format: z.object({ type: z.string(), rate: z.number().optional() }).optional(),
          transcription: z.object({ model: z.string().optional() }).nullable().optional(),
          turn_detection: TurnDetection.nullable().optional(),
        })
        .optional(),
      output: z.object({ voice: z.string().optional() }).optional(),
    })
    .optional(),
});
export type SessionInput = z.infer<typeof SessionInput>;

export const SAMPLE_RATE = 24_000;

export function defaultSessionConfig(): RealtimeSessionConfig {
  return {
    model: "gpt-realtime",
    instructions: "",
    voice: "alloy",
    outputModalities: ["audio"],
    turnDetection: {
      type: "server_vad",
      threshold: 0.5,
      silenceDurationMs: 500,
      prefixPaddingMs: 300,
      createResponse: true,
      interruptResponse: true,
    },
    transcriptionModel: null,
  };
}

export function applySession(
  base: RealtimeSessionConfig,
  input: SessionInput,
): RealtimeSessionConfig {
  const audioIn = input.audio?.input;
  const td = audioIn?.turn_detection;
  const transcription = audioIn?.transcription;
  const defaults = defaultSessionConfig().turnDetection;
  return {
    model: input.model ?? base.model,
    instructions: input.instructions ?? base.instructions,
    voice: input.audio?.output?.voice ?? base.voice,
    outputModalities: input.output_modalities ?? base.outputModalities,
    turnDetection:
      td === undefined
        ? base.turnDetection
        : td === null
          ? null
          : {
              type: td.type,
              threshold: td.threshold ?? defaults?.threshold ?? 0.5,
              silenceDurationMs: td.silence_duration_ms ?? defaults?.silenceDurationMs ?? 500,
              prefixPaddingMs: td.prefix_padding_ms ?? defaults?.prefixPaddingMs ?? 300,
              createResponse: td.create_response ?? true,
              interruptResponse: td.interrupt_response ?? true,
            },
    transcriptionModel:
      transcription === undefined
        ? base.transcriptionModel
        : transcription === null
          ? null
          : (transcription.model ?? "gpt-4o-mini-transcribe"),
  };
}

/** The session as the API reports it (`session.created`, client secret response). */
export function sessionJson(id: string, config: RealtimeSessionConfig, expiresAt: number) {
  const format = { type: "audio/pcm", rate: SAMPLE_RATE };
  const td = config.turnDetection;
  return {
    type: "realtime",
    object: "realtime.session",
    id,
    model: config.model,
    output_modalities: config.outputModalities,
    instructions: config.instructions,
    tools: [],
    tool_choice: "auto",
    max_output_tokens: "inf",
    tracing: null,
    prompt: null,
    expires_at: expiresAt,
    include: null,
    audio: {
      input: {
        format,
        transcription: config.transcriptionModel ? { model: config.transcriptionModel } : null,
        noise_reduction: null,
        turn_detection: td
          ? {
              type: td.type,
              threshold: td.threshold,
              prefix_padding_ms: td.prefixPaddingMs,
              silence_duration_ms: td.silenceDurationMs,
              idle_timeout_ms: null,
              create_response: td.createResponse,
              interrupt_response: td.interruptResponse,
            }
          : null,
      },
      output: { format, voice: config.voice, speed: 1 },
    },
  };
}
