/**
 * The ElevenLabs post-call webhook (design §8–§9): verified on the raw body, applied once
 * per conversation (webhook_events), authoritative for duration and transcript — it replaces
 * the widget's provisional `/end` figure.
 */
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { voiceSessions, webhookEvents } from "../db/schema";
import { ApiError } from "../errors";
import { verifyElevenLabsSignature } from "../providers/elevenlabs";
import type { Services } from "../services";
import { recordSessionCharacters, recordSessionUsage } from "./usage";
import { finishSession } from "./widget-sessions";

const PostCall = z.object({
  type: z.string(),
  event_timestamp: z.number().optional(),
  data: z.object({
    agent_id: z.string().optional(),
    conversation_id: z.string().min(1).max(200),
    status: z.string().optional(),
    transcript: z
      .array(
        z.object({
          role: z.string(),
          message: z.string().nullable().optional(),
          time_in_call_secs: z.number().optional(),
        }),
      )
      .default([]),
    metadata: z
      .object({
        start_time_unix_secs: z.number().optional(),
        call_duration_secs: z
          .number()
          .min(0)
          .max(24 * 3600),
        termination_reason: z.string().optional(),
      })
      .passthrough(),
    conversation_initiation_client_data: z
      .object({ dynamic_variables: z.record(z.string(), z.unknown()).optional() })
      .passthrough()
      .optional(),
  }),
});

export type WebhookOutcome = "applied" | "duplicate" | "ignored";

export async function handleElevenLabsWebhook(
  services: Services,
  rawBody: string,
  signature: string | undefined,
  secret: string,
): Promise<WebhookOutcome> {
  const now = services.now();
  if (!verifyElevenLabsSignature(rawBody, signature, secret, now)) {
    throw new ApiError("unauthorized", "The webhook signature is missing, stale or wrong.");
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new ApiError("validation_failed", "The webhook body is not JSON.");
  }
  const parsed = PostCall.safeParse(json);
  if (!parsed.success || parsed.data.type !== "post_call_transcription") return "ignored";
  const { data } = parsed.data;

  const sessionId = data.conversation_initiation_client_data?.dynamic_variables?.parley_session_id;
  const [session] = await services.database.db
    .select()
    .from(voiceSessions)
    .where(
      typeof sessionId === "string"
        ? eq(voiceSessions.id, sessionId)
        : eq(voiceSessions.providerConversationId, data.conversation_id),
    );
  if (!session) {
    services.log.warn("webhook for an unknown session", { provider: "elevenlabs" });
    return "ignored";
  }

  const claimed = await services.database.db
    .insert(webhookEvents)
    .values({ provider: "elevenlabs", eventId: data.conversation_id, type: parsed.data.type })
    .onConflictDoNothing()
    .returning({ id: webhookEvents.eventId });
  if (claimed.length === 0) return "duplicate";

  const seconds = Math.round(data.metadata.call_duration_secs);
  const transcript = data.transcript
    .filter((t) => typeof t.message === "string" && t.message.length > 0)
    .map((t) => ({
      role: t.role === "user" ? ("user" as const) : ("agent" as const),
      text: t.message ?? "",
      atSeconds: t.time_in_call_secs ?? 0,
    }));
  const reason = data.metadata.termination_reason ?? "provider_ended";
  await finishSession(services, session, {
    status: "ended",
    durationSeconds: seconds,
    endReason: reason,
  });
  await services.database.db
    .update(voiceSessions)
    .set({
      providerConversationId: data.conversation_id,
      transcript,
      durationSeconds: seconds,
      endedAt: sql`coalesce(${voiceSessions.endedAt}, now())`,
    })
    .where(eq(voiceSessions.id, session.id));
  await recordSessionUsage(services, session, {
    seconds,
    provisional: false,
    occurredAt: session.connectedAt ?? session.issuedAt,
    idempotencyKey: `elevenlabs:${data.conversation_id}`,
  });
  const characters = transcript
    .filter((t) => t.role === "agent")
    .reduce((n, t) => n + [...t.text].length, 0);
  await recordSessionCharacters(services, session, {
    characters,
    occurredAt: session.connectedAt ?? session.issuedAt,
    idempotencyKey: `elevenlabs:${data.conversation_id}:characters`,
  });
  return "applied";
}
