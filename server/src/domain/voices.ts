/**
 * The voice catalogue a partner picks from (`GET /v1/voices`): OpenAI's standard voices,
 * always available, and ElevenLabs' premium voices, available with `premium_voices`. The
 * catalogue degrades rather than fails: without ElevenLabs the standard voices still answer.
 */
import type { VoiceOption } from "@parley/types";
import type { Voice } from "../providers/types";
import type { PartnerAuth, Services } from "../services";
import { loadEntitlements } from "./entitlements";

export interface VoiceCatalogue {
  data: VoiceOption[];
  /** Providers whose voices could not be listed just now. */
  degraded: "elevenlabs"[];
}

const option = (voice: Voice, premium: boolean, available: boolean): VoiceOption => ({
  id: voice.id,
  name: voice.name,
  provider: voice.provider,
  category: voice.category,
  labels: voice.labels,
  previewUrl: voice.previewUrl,
  premium,
  available,
});

export async function listVoices(services: Services, auth: PartnerAuth): Promise<VoiceCatalogue> {
  const { providers, log } = services;
  const [standard, premium, entitlements] = await Promise.all([
    providers.openai.listVoices(),
    providers.elevenlabs.listVoices().catch((error: unknown) => {
      // The name only: a provider error's message may quote the request.
      log.warn("elevenlabs voices unavailable", {
        error: error instanceof Error ? error.name : "unknown",
      });
      return null;
    }),
    loadEntitlements(services.database, auth.partnerId, services.now()),
  ]);
  const premiumAllowed = entitlements.features.premium_voices.allowed;
  return {
    data: [
      ...standard.map((v) => option(v, false, true)),
      ...(premium ?? []).map((v) => option(v, true, premiumAllowed)),
    ],
    degraded: premium ? [] : ["elevenlabs"],
  };
}
