/**
 * The ElevenLabs post-call webhook (design §8–§9): verified on the raw body, applied once
 * per conversation (webhook_events), authoritative for duration and transcript — it replaces
 * the widget's provisional `/end` figure. Verification and parsing happen per request;
 * the writes of concurrent webhooks are batched (`post-calls.ts`), because every call of a
 * partner adds to the same quota and rollup rows.
 */
import { z } from "zod";
import { ApiError } from "../errors";
import { verifyElevenLabsSignature } from "../providers/elevenlabs";
import type { Services } from "../services";
import { type PostCallEvent, settlePostCalls, type WebhookOutcome } from "./post-calls";
import { createWriteBatcher, type WriteBatcher } from "./write-batcher";

export type { WebhookOutcome } from "./post-calls";

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

/** One batcher per running server (its services), so batches never mix databases. */
const batchers = new WeakMap<Services, WriteBatcher<PostCallEvent, WebhookOutcome>>();

function batcherOf(services: Services) {
  let batcher = batchers.get(services);
  if (!batcher) {
    batcher = createWriteBatcher((events: PostCallEvent[]) => settlePostCalls(services, events));
    batchers.set(services, batcher);
  }
  return batcher;
}

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
  return batcherOf(services).submit({
    type: parsed.data.type,
    conversationId: data.conversation_id,
    sessionId: typeof sessionId === "string" ? sessionId : null,
    seconds: Math.round(data.metadata.call_duration_secs),
    transcript: data.transcript
      .filter((t) => typeof t.message === "string" && t.message.length > 0)
      .map((t) => ({
        role: t.role === "user" ? ("user" as const) : ("agent" as const),
        text: t.message ?? "",
        atSeconds: t.time_in_call_secs ?? 0,
      })),
    endReason: data.metadata.termination_reason ?? "provider_ended",
  });
}
