import type { Agent, Persona, UpdateAgentBody, VoiceProvider, WorkingHours } from "../types";

export type FallbackVoice = NonNullable<UpdateAgentBody["fallbackVoiceId"]>;
/** Only standard voices can stand in for a premium one (the schema enforces the same). */
export const fallbackVoices: readonly FallbackVoice[] = [
  "alloy",
  "echo",
  "fable",
  "onyx",
  "nova",
  "shimmer",
  "sage",
];
export const asFallbackVoice = (v: string): FallbackVoice | undefined =>
  fallbackVoices.find((x) => x === v);

/** The agent form's editable state, as the inputs hold it (strings where people type). */
export interface AgentDraft {
  name: string;
  personaId: string;
  voiceProvider: VoiceProvider;
  voiceId: string;
  fallbackEnabled: boolean;
  fallbackVoiceId: FallbackVoice;
  origins: string;
  hoursEnabled: boolean;
  hours: WorkingHours;
  maxMinutes: string;
  greeting: string;
}

export function draftFrom(agent: Agent | null, timezone: string): AgentDraft {
  return {
    name: agent?.name ?? "",
    personaId: agent?.personaId ?? "",
    voiceProvider: agent?.voiceProvider ?? "openai",
    voiceId: agent?.voiceId ?? "alloy",
    fallbackEnabled: agent?.fallbackEnabled ?? true,
    fallbackVoiceId: asFallbackVoice(agent?.fallbackVoiceId ?? "") ?? "alloy",
    origins: agent?.allowedOrigins.join("\n") ?? "",
    hoursEnabled: !!agent?.workingHours,
    hours: agent?.workingHours ?? {
      timezone,
      days: [1, 2, 3, 4, 5],
      open: "09:00",
      close: "17:00",
    },
    maxMinutes: String((agent?.maxDurationSeconds ?? 600) / 60),
    greeting: agent?.greeting ?? "",
  };
}

/** Picking a persona takes its voice, unless it is premium and the partner cannot use it. */
export function withPersona(
  draft: AgentDraft,
  persona: Persona,
  premium: boolean,
  previous?: Persona,
): AgentDraft {
  const usable = persona.voiceProvider === "openai" || premium;
  // A name the form filled in from the last persona follows the new one; a typed name stays.
  const named = draft.name && draft.name !== previous?.name;
  return {
    ...draft,
    personaId: persona.id,
    name: named ? draft.name : persona.name,
    voiceProvider: usable ? persona.voiceProvider : "openai",
    voiceId: usable ? persona.voiceId : draft.fallbackVoiceId,
  };
}

/** Lines → origins, without blanks or duplicates; the server validates each one. */
export const parseOrigins = (text: string) => [
  ...new Set(
    text
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

/** The request body; the server's zod schema is the validator, not this function. */
export function bodyFrom(d: AgentDraft): UpdateAgentBody & { name: string; personaId: string } {
  const minutes = Number(d.maxMinutes);
  return {
    name: d.name.trim(),
    personaId: d.personaId,
    voiceProvider: d.voiceProvider,
    voiceId: d.voiceId,
    fallbackEnabled: d.fallbackEnabled,
    fallbackVoiceId: d.fallbackVoiceId,
    allowedOrigins: parseOrigins(d.origins),
    workingHours: d.hoursEnabled ? d.hours : null,
    maxDurationSeconds: Number.isFinite(minutes) ? Math.round(minutes * 60) : Number.NaN,
    greeting: d.greeting.trim() ? d.greeting : null,
  };
}
