/**
 * Which voice provider runs a session (design §4 rule 6). Pure: the caller supplies the
 * `premium_voices` entitlement and the ElevenLabs circuit breaker's health.
 */
import type { VoiceProvider } from "../db/schema";

export interface ProviderChoiceInput {
  agent: {
    voiceProvider: VoiceProvider;
    voiceId: string;
    /** The standard (OpenAI) voice to use when the premium one cannot be. */
    fallbackVoiceId: string;
    fallbackEnabled: boolean;
  };
  /** Whether the partner has `premium_voices` now. */
  entitled: boolean;
  elevenlabsHealthy: boolean;
}

export type FallbackReason = "not_entitled" | "provider_down";

export type ProviderChoice =
  | {
      ok: true;
      provider: VoiceProvider;
      voiceId: string;
      fallbackFrom: "elevenlabs" | null;
      fallbackReason: FallbackReason | null;
    }
  | { ok: false; code: "upgrade_required" | "provider_unavailable" };

export function chooseProvider({
  agent,
  entitled,
  elevenlabsHealthy,
}: ProviderChoiceInput): ProviderChoice {
  const direct = (provider: VoiceProvider): ProviderChoice => ({
    ok: true,
    provider,
    voiceId: agent.voiceId,
    fallbackFrom: null,
    fallbackReason: null,
  });
  if (agent.voiceProvider === "openai") return direct("openai");
  if (entitled && elevenlabsHealthy) return direct("elevenlabs");

  // When both fail, the missing entitlement wins: it will not heal by itself, and it is
  // the one the partner can act on.
  const reason: FallbackReason = entitled ? "provider_down" : "not_entitled";
  if (agent.fallbackEnabled) {
    return {
      ok: true,
      provider: "openai",
      voiceId: agent.fallbackVoiceId,
      fallbackFrom: "elevenlabs",
      fallbackReason: reason,
    };
  }
  return {
    ok: false,
    code: reason === "not_entitled" ? "upgrade_required" : "provider_unavailable",
  };
}
