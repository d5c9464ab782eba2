import { z } from "@hono/zod-openapi";
import { WorkingHours } from "./agents";
import { StandardVoice, Timestamp, VoiceProvider } from "./common";

/**
 * The widget's design tokens, as CSS values. The server sends the merged brand (partner or
 * its reseller, refined by the agent); the page may still override each with
 * `--voice-agent-<kebab-name>` custom properties.
 */
export const WidgetTheme = z
  .object({
    primary: z.string(),
    onPrimary: z.string(),
    surface: z.string(),
    text: z.string(),
    radius: z.string(),
    font: z.string(),
  })
  .partial()
  .openapi("WidgetTheme");
export type WidgetTheme = z.infer<typeof WidgetTheme>;

/** `GET /v1/widget/config?agent=…&key=…`: public, cacheable, no secrets, no instructions. */
export const WidgetConfig = z
  .object({
    agent: z.object({ id: z.string(), name: z.string(), avatarUrl: z.string().nullable() }),
    persona: z.object({ name: z.string(), greeting: z.string(), language: z.string() }),
    theme: WidgetTheme,
    brand: z.object({
      name: z.string().nullable(),
      logoUrl: z.string().nullable(),
      hidePoweredBy: z.boolean(),
    }),
    features: z.object({ textInput: z.boolean(), transcript: z.boolean(), mute: z.boolean() }),
    hours: WorkingHours.nullable(),
    open: z.boolean(),
    nextOpenAt: Timestamp.nullable(),
    consentText: z.string().nullable(),
    maxDurationSeconds: z.number().int(),
  })
  .openapi("WidgetConfig");
export type WidgetConfig = z.infer<typeof WidgetConfig>;

export const Metadata = z
  .record(z.string().max(40), z.unknown())
  .refine((m) => Object.keys(m).length <= 20, "at most 20 entries")
  .openapi("SessionMetadata", {
    description: "Values for the persona's declared dynamic variables; strings ≤ 200 characters.",
  });

export const CreateSessionRequest = z
  .object({
    agent: z.string().max(64).openapi({ example: "agt_01JDXAMPLE" }),
    metadata: Metadata.optional(),
  })
  .strict()
  .openapi("CreateSessionRequest");
export type CreateSessionRequest = z.infer<typeof CreateSessionRequest>;

export const SessionVoice = z
  .object({
    provider: VoiceProvider,
    voiceId: z.string(),
    fallbackFrom: VoiceProvider.nullable(),
  })
  .openapi("SessionVoice");

/** `201` of `POST /v1/widget/sessions` (design §5). */
export const CreateSessionResponse = z
  .object({
    token: z.string(),
    expiresAt: Timestamp,
    session: z.object({ id: z.string() }),
    provider: VoiceProvider,
    voice: SessionVoice,
    persona: z.object({ name: z.string(), firstMessage: z.string() }),
    limits: z.object({ maxDurationSeconds: z.number().int() }),
  })
  .openapi("CreateSessionResponse");
export type CreateSessionResponse = z.infer<typeof CreateSessionResponse>;

/** What `@elevenlabs/client` takes as `overrides`, filled from the persona. */
export const ElevenLabsOverrides = z
  .object({
    agent: z.object({
      prompt: z.object({ prompt: z.string() }),
      firstMessage: z.string(),
      language: z.string(),
    }),
    tts: z.object({ voiceId: z.string() }),
  })
  .openapi("ElevenLabsOverrides");

export const ConnectResponse = z
  .discriminatedUnion("provider", [
    z.object({
      provider: z.literal("elevenlabs"),
      signedUrl: z.string(),
      overrides: ElevenLabsOverrides,
      dynamicVariables: z.record(z.string(), z.string()),
    }),
    z.object({
      provider: z.literal("openai"),
      url: z.string(),
      clientSecret: z.string(),
      model: z.string(),
      voice: StandardVoice,
    }),
  ])
  .openapi("ConnectResponse");
export type ConnectResponse = z.infer<typeof ConnectResponse>;

export const HeartbeatResponse = z
  .object({
    continue: z.boolean(),
    reason: z.enum(["agent_paused", "quota_exhausted", "max_duration", "session_ended"]).optional(),
    remainingSeconds: z.number().int().optional(),
  })
  .openapi("HeartbeatResponse");
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;

export const EndSessionRequest = z
  .object({
    durationSeconds: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600),
    reason: z.enum([
      "user_ended",
      "agent_ended",
      "max_duration",
      "error",
      "network",
      "page_hidden",
    ]),
  })
  .strict()
  .openapi("EndSessionRequest");
export type EndSessionRequest = z.infer<typeof EndSessionRequest>;

/** The widget's events (design §7): `voice-agent:<name>` with these details. */
export interface VoiceAgentEventMap {
  ready: { agent: string };
  start: { agent: string };
  connect: { sessionId: string; provider: "elevenlabs" | "openai"; fallbackFrom: string | null };
  message: { role: "agent" | "user"; text: string };
  mode: { mode: "listening" | "speaking" };
  end: { durationSeconds: number; reason: string };
  error: { code: string; message: string };
}
