import { z } from "zod";

/** What `@elevenlabs/client` sends over the conversation socket (parsed boundary). */
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const ClientData = z.object({
  type: z.literal("conversation_initiation_client_data"),
  conversation_config_override: z
    .object({
      agent: z
        .object({
          prompt: z.object({ prompt: z.string().nullish() }).nullish(),
          first_message: z.string().nullish(),
          language: z.string().nullish(),
        })
        .nullish(),
      tts: z.object({ voice_id: z.string().nullish() }).nullish(),
      conversation: z.object({ text_only: z.boolean().nullish() }).nullish(),
    })
    .nullish(),
  custom_llm_extra_body: z.record(z.string(), z.unknown()).nullish(),
  dynamic_variables: z.record(z.string(), Scalar.nullable()).nullish(),
  user_id: z.string().nullish(),
});
export type ClientData = z.infer<typeof ClientData>;

export const ClientMessage = z.discriminatedUnion("type", [
  ClientData,
  z.object({ type: z.literal("user_message"), text: z.string().nullish() }),
  z.object({ type: z.literal("pong"), event_id: z.number() }),
  z.object({ type: z.literal("contextual_update"), text: z.string() }),
  z.object({
    type: z.literal("client_tool_result"),
    tool_call_id: z.string(),
    result: z.unknown(),
    is_error: z.boolean().nullish(),
  }),
  z.object({ type: z.literal("user_activity") }),
  z.object({ type: z.literal("feedback") }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const UserAudio = z.object({ user_audio_chunk: z.string() });

export type ParsedInbound =
  | { kind: "audio"; chunk: string }
  | { kind: "message"; message: ClientMessage }
  | { kind: "ignored" };

/** Unknown or malformed messages are ignored, as the provider does with future client events. */
export function parseInbound(raw: string): ParsedInbound {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { kind: "ignored" };
  }
  const audio = UserAudio.safeParse(json);
  if (audio.success) return { kind: "audio", chunk: audio.data.user_audio_chunk };
  const message = ClientMessage.safeParse(json);
  return message.success ? { kind: "message", message: message.data } : { kind: "ignored" };
}

export interface TranscriptEntry {
  role: "agent" | "user";
  message: string;
  time_in_call_secs: number;
}

/** Read a nested value from a loosely typed provider config. */
export function pick(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = Object.entries(current).find(([k]) => k === key)?.[1];
  }
  return current;
}

export function pickString(value: unknown, ...path: string[]): string | undefined {
  const found = pick(value, ...path);
  return typeof found === "string" ? found : undefined;
}
