/**
 * ElevenLabs Conversational AI (design §8): signed URLs for one conversation with the
 * persona as overrides, agent provisioning, the voice library, and the post-call webhook's
 * signature. The same code talks to the real service or to the simulator: only the base URL
 * and the key differ.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { type Breaker, createBreaker } from "../breaker";
import { ProviderError, providerFetch } from "../http";
import type { ConnectInput, ProviderAgentConfig, Voice, VoiceProviderClient } from "../types";

export interface ElevenLabsOptions {
  baseUrl: string;
  apiKey: string;
  /** The agent used for conversations of agents that are not (yet) provisioned. */
  defaultAgentId: string;
  fetch?: typeof fetch;
  now?: () => Date;
  breaker?: Breaker;
}

export interface ElevenLabsClient extends VoiceProviderClient {
  readonly name: "elevenlabs";
  provisionAgent(config: ProviderAgentConfig): Promise<{ providerAgentId: string }>;
  updateAgent(providerAgentId: string, config: ProviderAgentConfig): Promise<void>;
  deleteAgent(providerAgentId: string): Promise<void>;
}

const voicesTtlMs = 10 * 60_000;

export function agentBody(config: ProviderAgentConfig) {
  return {
    name: config.name,
    tags: ["parley"],
    conversation_config: {
      agent: {
        prompt: { prompt: config.instructions },
        first_message: config.firstMessage,
        language: config.language,
      },
      tts: { voice_id: config.voiceId },
      conversation: { max_duration_seconds: config.maxDurationSeconds },
    },
    // Let each conversation carry the persona as overrides (a persona edit applies at once).
    platform_settings: {
      overrides: {
        conversation_config_override: {
          agent: { prompt: { prompt: true }, first_message: true, language: true },
          tts: { voice_id: true },
        },
      },
    },
  };
}

export function createElevenLabs(options: ElevenLabsOptions): ElevenLabsClient {
  const breaker = options.breaker ?? createBreaker({ name: "elevenlabs", now: options.now });
  const now = options.now ?? (() => new Date());
  const headers = { "xi-api-key": options.apiKey, "content-type": "application/json" };
  let voices: { at: number; list: Voice[] } | undefined;

  const call = (path: string, init: RequestInit = {}, idempotent?: boolean) =>
    breaker.run(() =>
      providerFetch(
        `${options.baseUrl}${path}`,
        { ...init, headers },
        {
          provider: "elevenlabs",
          fetch: options.fetch,
          idempotent,
        },
      ),
    );

  return {
    name: "elevenlabs",
    healthy: () => breaker.healthy(),

    async connect(input: ConnectInput) {
      const agentId = input.providerAgentId ?? options.defaultAgentId;
      const res = await call(
        `/v1/convai/conversation/get-signed-url?agent_id=${encodeURIComponent(agentId)}`,
      );
      const body = (await res.json()) as { signed_url?: unknown };
      if (typeof body.signed_url !== "string" || !/^wss?:\/\//.test(body.signed_url)) {
        throw new ProviderError("elevenlabs", res.status, "no signed_url in the answer");
      }
      return {
        provider: "elevenlabs" as const,
        signedUrl: body.signed_url,
        overrides: {
          agent: {
            prompt: { prompt: input.persona.instructions },
            firstMessage: input.persona.firstMessage,
            language: input.persona.language,
          },
          tts: { voiceId: input.voiceId },
        },
        // The simulator and our webhook handler match the call to its session by this.
        dynamicVariables: { ...input.dynamicVariables, parley_session_id: input.sessionId },
      };
    },

    async listVoices() {
      if (voices && now().getTime() - voices.at < voicesTtlMs) return voices.list;
      const res = await call("/v1/voices");
      const body = (await res.json()) as {
        voices?: {
          voice_id: string;
          name: string;
          category?: string;
          labels?: Record<string, string>;
          preview_url?: string | null;
        }[];
      };
      const list = (body.voices ?? []).map((v) => ({
        id: v.voice_id,
        name: v.name,
        provider: "elevenlabs" as const,
        category: v.category ?? "premade",
        labels: v.labels ?? {},
        previewUrl: v.preview_url ?? null,
      }));
      voices = { at: now().getTime(), list };
      return list;
    },

    async provisionAgent(config) {
      const res = await call("/v1/convai/agents/create", {
        method: "POST",
        body: JSON.stringify(agentBody(config)),
      });
      const body = (await res.json()) as { agent_id?: unknown };
      if (typeof body.agent_id !== "string")
        throw new ProviderError("elevenlabs", res.status, "no agent_id in the answer");
      return { providerAgentId: body.agent_id };
    },

    async updateAgent(providerAgentId, config) {
      await call(
        `/v1/convai/agents/${encodeURIComponent(providerAgentId)}`,
        {
          method: "PATCH",
          body: JSON.stringify(agentBody(config)),
        },
        true,
      );
    },

    async deleteAgent(providerAgentId) {
      await call(`/v1/convai/agents/${encodeURIComponent(providerAgentId)}`, { method: "DELETE" });
    },
  };
}

/** Webhooks older than this are refused, so a captured request cannot be replayed later. */
export const webhookToleranceSeconds = 30 * 60;

/**
 * Verifies `ElevenLabs-Signature: t=<unix>,v0=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`
 * on the raw body, in constant time. Returns false for any malformed, stale or wrong header.
 */
export function verifyElevenLabsSignature(
  rawBody: string,
  header: string | undefined,
  secret: string,
  now: Date,
): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(
    header.split(",").map((p) => {
      const i = p.indexOf("=");
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()];
    }),
  );
  const t = Number(parts.t);
  const v0 = parts.v0;
  if (!Number.isInteger(t) || typeof v0 !== "string" || !/^[0-9a-f]{64}$/.test(v0)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > webhookToleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(v0, "hex"));
}

export function signElevenLabsWebhook(rawBody: string, secret: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v0=${createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex")}`;
}
