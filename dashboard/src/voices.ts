import type { Persona, Voice, VoiceProvider } from "./types";

/** The standard OpenAI Realtime voices (design §8), included in every plan. */
export const standardVoices: Voice[] = [
  { id: "alloy", name: "Alloy", labels: ["neutral", "balanced"] },
  { id: "echo", name: "Echo", labels: ["male", "warm"] },
  { id: "fable", name: "Fable", labels: ["british", "expressive"] },
  { id: "onyx", name: "Onyx", labels: ["male", "deep"] },
  { id: "nova", name: "Nova", labels: ["female", "bright"] },
  { id: "shimmer", name: "Shimmer", labels: ["female", "soft"] },
  { id: "sage", name: "Sage", labels: ["calm", "clear"] },
].map((v) => ({ ...v, provider: "openai" as const, premium: false, previewUrl: null }));

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function labelsOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((l): l is string => typeof l === "string");
  // ElevenLabs returns labels as {accent: "american", gender: "female", …}.
  if (isRecord(v)) return Object.values(v).filter((l): l is string => typeof l === "string");
  return [];
}

/** Only http(s) audio: the URL ends up in an <audio src>. */
function previewUrlOf(v: unknown): string | null {
  if (typeof v !== "string") return null;
  try {
    const url = new URL(v);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

function voiceOf(v: unknown): Voice | null {
  if (!isRecord(v)) return null;
  const id = typeof v.id === "string" ? v.id : typeof v.voiceId === "string" ? v.voiceId : null;
  const provider: VoiceProvider | null =
    v.provider === "elevenlabs" || v.provider === "openai" ? v.provider : null;
  if (!id || !provider) return null;
  return {
    id,
    provider,
    name: typeof v.name === "string" && v.name ? v.name : id,
    labels: labelsOf(v.labels),
    premium: typeof v.premium === "boolean" ? v.premium : provider === "elevenlabs",
    previewUrl: previewUrlOf(v.previewUrl),
  };
}

/**
 * Reads whatever `/v1/voices` answers (`{data: […]}` or a bare array), keeping only the
 * entries it understands. With nothing usable it offers the standard voices.
 */
export function parseVoices(body: unknown): Voice[] {
  const list = Array.isArray(body) ? body : isRecord(body) ? body.data : null;
  const voices = Array.isArray(list) ? list.map(voiceOf).filter((v): v is Voice => v !== null) : [];
  return voices.length > 0 ? voices : standardVoices;
}

/** Adds the persona's own voice when the catalogue does not list it (a template's premium voice). */
export function withPersonaVoice(voices: Voice[], persona: Persona | undefined): Voice[] {
  if (!persona || voices.some((v) => v.id === persona.voiceId)) return voices;
  return [
    ...voices,
    {
      id: persona.voiceId,
      provider: persona.voiceProvider,
      name: `${persona.name} voice`,
      labels: ["persona default"],
      premium: persona.voiceProvider === "elevenlabs",
      previewUrl: null,
    },
  ];
}

/**
 * A voice's display name from the catalogue; an id the catalogue does not list (a voice
 * retired at the provider) shows as the id rather than nothing.
 */
export function voiceName(voices: Voice[], provider: VoiceProvider, id: string): string {
  return voices.find((v) => v.provider === provider && v.id === id)?.name ?? id;
}
