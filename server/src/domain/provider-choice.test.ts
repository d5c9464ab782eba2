import { describe, expect, it } from "vitest";
import { chooseProvider, type ProviderChoice } from "./provider-choice";

const premium = {
  voiceProvider: "elevenlabs" as const,
  voiceId: "21m00Tcm4TlvDq8ikWAM",
  fallbackVoiceId: "nova",
};
const standard = { voiceProvider: "openai" as const, voiceId: "sage", fallbackVoiceId: "alloy" };

const eleven: ProviderChoice = {
  ok: true,
  provider: "elevenlabs",
  voiceId: "21m00Tcm4TlvDq8ikWAM",
  fallbackFrom: null,
  fallbackReason: null,
};
const fallback = (reason: "not_entitled" | "provider_down"): ProviderChoice => ({
  ok: true,
  provider: "openai",
  voiceId: "nova",
  fallbackFrom: "elevenlabs",
  fallbackReason: reason,
});
const openai: ProviderChoice = {
  ok: true,
  provider: "openai",
  voiceId: "sage",
  fallbackFrom: null,
  fallbackReason: null,
};

describe("chooseProvider", () => {
  // [agent, fallbackEnabled, entitled, elevenlabsHealthy, expected]
  it.each<[string, boolean, boolean, boolean, ProviderChoice]>([
    ["elevenlabs", true, true, true, eleven],
    ["elevenlabs", false, true, true, eleven],
    ["elevenlabs", true, false, true, fallback("not_entitled")],
    ["elevenlabs", true, true, false, fallback("provider_down")],
    ["elevenlabs", true, false, false, fallback("not_entitled")],
    ["elevenlabs", false, false, true, { ok: false, code: "upgrade_required" }],
    ["elevenlabs", false, true, false, { ok: false, code: "provider_unavailable" }],
    ["elevenlabs", false, false, false, { ok: false, code: "upgrade_required" }],
    ["openai", true, true, true, openai],
    ["openai", true, true, false, openai],
    ["openai", true, false, true, openai],
    ["openai", true, false, false, openai],
    ["openai", false, true, true, openai],
    ["openai", false, true, false, openai],
    ["openai", false, false, true, openai],
    ["openai", false, false, false, openai],
  ])(
    "%s agent, fallback %s, entitled %s, ElevenLabs healthy %s",
    (provider, fallbackEnabled, entitled, elevenlabsHealthy, expected) => {
      const agent = { ...(provider === "openai" ? standard : premium), fallbackEnabled };
      expect(chooseProvider({ agent, entitled, elevenlabsHealthy })).toEqual(expected);
    },
  );

  it("falls back to the agent's own standard voice, not a fixed default", () => {
    const agent = { ...premium, fallbackVoiceId: "shimmer", fallbackEnabled: true };
    const choice = chooseProvider({ agent, entitled: false, elevenlabsHealthy: true });
    expect(choice).toMatchObject({ ok: true, provider: "openai", voiceId: "shimmer" });
  });
});
