/**
 * OpenAI Realtime (GA) for the standard voices: the server mints a short-lived client
 * secret carrying the persona's instructions and voice; the browser opens the Realtime
 * WebSocket with it. Same code for the real API and the simulator.
 */
import { standardVoices } from "@parley/types";
import { type Breaker, createBreaker } from "../breaker";
import { ProviderError, providerFetch } from "../http";
import type { ConnectInput, Voice, VoiceProviderClient } from "../types";

export interface OpenAIOptions {
  baseUrl: string;
  /** ws(s) URL of the Realtime endpoint the browser connects to. */
  realtimeUrl: string;
  apiKey: string;
  model?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  breaker?: Breaker;
}

type StandardVoice = (typeof standardVoices)[number];
const isStandard = (v: string): v is StandardVoice =>
  (standardVoices as readonly string[]).includes(v);

const voiceLabels: Record<StandardVoice, Record<string, string>> = {
  alloy: { gender: "neutral", description: "balanced" },
  echo: { gender: "male", description: "warm" },
  fable: { gender: "male", description: "expressive, British" },
  onyx: { gender: "male", description: "deep" },
  nova: { gender: "female", description: "bright" },
  shimmer: { gender: "female", description: "soft" },
  sage: { gender: "female", description: "calm" },
};

export function createOpenAI(options: OpenAIOptions): VoiceProviderClient {
  const breaker = options.breaker ?? createBreaker({ name: "openai", now: options.now });
  const model = options.model ?? "gpt-realtime";
  return {
    name: "openai",
    healthy: () => breaker.healthy(),

    async connect(input: ConnectInput) {
      const voice = isStandard(input.voiceId) ? input.voiceId : "alloy";
      const res = await breaker.run(() =>
        providerFetch(
          `${options.baseUrl}/v1/realtime/client_secrets`,
          {
            method: "POST",
            headers: {
              authorization: `Bearer ${options.apiKey}`,
              "content-type": "application/json",
            },
            body: JSON.stringify({
              expires_after: { anchor: "created_at", seconds: 120 },
              session: {
                type: "realtime",
                model,
                instructions: `${input.persona.instructions}\n\nStart the conversation by saying: ${input.persona.firstMessage}`,
                // Without input transcription the visitor's words never reach the transcript.
                audio: {
                  input: { transcription: { model: "gpt-4o-mini-transcribe" } },
                  output: { voice },
                },
              },
            }),
          },
          { provider: "openai", fetch: options.fetch },
        ),
      );
      const body = (await res.json()) as { value?: unknown };
      if (typeof body.value !== "string")
        throw new ProviderError("openai", res.status, "no client secret in the answer");
      return {
        provider: "openai" as const,
        url: `${options.realtimeUrl}?model=${encodeURIComponent(model)}`,
        clientSecret: body.value,
        model,
        voice,
      };
    },

    async listVoices(): Promise<Voice[]> {
      return standardVoices.map((id) => ({
        id,
        name: id[0]?.toUpperCase() + id.slice(1),
        provider: "openai",
        category: "standard",
        labels: voiceLabels[id],
        previewUrl: null,
      }));
    },
  };
}
