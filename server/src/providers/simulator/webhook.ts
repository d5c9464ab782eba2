import type { SimulatorContext } from "./context";
import { hmacHex } from "./signing";

/** `ElevenLabs-Signature: t=<unix>,v0=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` */
export function signatureHeader(secret: string, rawBody: string, unixSeconds: number): string {
  return `t=${unixSeconds},v0=${hmacHex(secret, `${unixSeconds}.${rawBody}`)}`;
}

/**
 * Posts a signed webhook, retrying with doubling delays on a network error or a non-2xx
 * answer. Never throws: a lost webhook is logged, the heartbeat path still bills the call.
 */
export async function deliverWebhook(ctx: SimulatorContext, body: unknown): Promise<boolean> {
  const raw = JSON.stringify(body);
  const { webhookAttempts, webhookRetryDelayMs } = ctx.timing;
  for (let attempt = 1; attempt <= webhookAttempts && !ctx.closed; attempt++) {
    try {
      const t = Math.floor(ctx.now().getTime() / 1000);
      const response = await ctx.fetch(ctx.webhookUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "elevenlabs-signature": signatureHeader(ctx.webhookSecret, raw, t),
        },
        body: raw,
        signal: AbortSignal.timeout(10_000),
      });
      await response.body?.cancel();
      if (response.ok) return true;
      ctx.log.warn("simulator webhook rejected", { status: response.status, attempt });
    } catch (error) {
      ctx.log.warn("simulator webhook failed", {
        attempt,
        error: error instanceof Error ? error.name : "unknown",
      });
    }
    if (attempt < webhookAttempts) {
      await new Promise((resolve) => setTimeout(resolve, webhookRetryDelayMs * 2 ** (attempt - 1)));
    }
  }
  ctx.log.error("simulator webhook gave up", { attempts: webhookAttempts });
  return false;
}

export interface PostCallFacts {
  agentId: string;
  conversationId: string;
  startedAtMs: number;
  endedAtMs: number;
  terminationReason: string;
  transcript: Array<{ role: "agent" | "user"; message: string; time_in_call_secs: number }>;
  conversationConfigOverride: unknown;
  dynamicVariables: Record<string, unknown>;
  userId: string | null;
  hadUserAudio: boolean;
  hadAgentAudio: boolean;
}

/** The `post_call_transcription` body, in ElevenLabs' field names. */
export function postCallTranscription(facts: PostCallFacts) {
  const callDurationSecs = Math.round((facts.endedAtMs - facts.startedAtMs) / 1000);
  return {
    type: "post_call_transcription",
    event_timestamp: Math.floor(facts.endedAtMs / 1000),
    data: {
      agent_id: facts.agentId,
      conversation_id: facts.conversationId,
      status: "done",
      user_id: facts.userId,
      transcript: facts.transcript.map((turn) => ({
        ...turn,
        tool_calls: [],
        tool_results: [],
        feedback: null,
      })),
      metadata: {
        start_time_unix_secs: Math.floor(facts.startedAtMs / 1000),
        call_duration_secs: callDurationSecs,
        cost: 0,
        termination_reason: facts.terminationReason,
        main_language: null,
      },
      analysis: null,
      conversation_initiation_client_data: {
        conversation_config_override: facts.conversationConfigOverride ?? {},
        custom_llm_extra_body: {},
        dynamic_variables: {
          ...facts.dynamicVariables,
          system__agent_id: facts.agentId,
          system__conversation_id: facts.conversationId,
          system__call_duration_secs: callDurationSecs,
        },
      },
      has_audio: facts.hadUserAudio || facts.hadAgentAudio,
      has_user_audio: facts.hadUserAudio,
      has_response_audio: facts.hadAgentAudio,
    },
  };
}
