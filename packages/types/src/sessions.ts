import { z } from "@hono/zod-openapi";
import { Timestamp, VoiceProvider } from "./common";

export const SessionStatus = z.enum(["issued", "connected", "ended", "expired", "failed"]);

export const TranscriptLine = z
  .object({
    role: z.enum(["agent", "user"]),
    text: z.string(),
    atSeconds: z.number(),
  })
  .openapi("TranscriptLine");

export const SessionSummary = z
  .object({
    id: z.string().openapi({ example: "ses_01JDXAMPLE" }),
    agentId: z.string(),
    personaId: z.string(),
    provider: VoiceProvider,
    voiceId: z.string(),
    fallbackFrom: VoiceProvider.nullable(),
    fallbackReason: z.enum(["not_entitled", "provider_down"]).nullable(),
    origin: z.string(),
    status: SessionStatus,
    startedAt: Timestamp,
    endedAt: Timestamp.nullable(),
    durationSeconds: z.number().int().nullable(),
    endReason: z.string().nullable(),
    costMicros: z.number().int(),
  })
  .openapi("SessionSummary");

/** `GET /v1/sessions/{id}` (design §5). */
export const Session = SessionSummary.extend({
  transcript: z.array(TranscriptLine),
}).openapi("Session");
export type Session = z.infer<typeof Session>;

export const SessionListQuery = z.object({
  agent: z
    .string()
    .max(64)
    .optional()
    .openapi({ param: { name: "agent", in: "query" } }),
  status: SessionStatus.optional().openapi({ param: { name: "status", in: "query" } }),
  provider: VoiceProvider.optional().openapi({ param: { name: "provider", in: "query" } }),
  from: Timestamp.optional().openapi({ param: { name: "from", in: "query" } }),
  to: Timestamp.optional().openapi({ param: { name: "to", in: "query" } }),
});
