import type { ConnectResponse } from "@parley/types";

/** What a provider needs to open one conversation as a persona (design §8). */
export interface ConnectInput {
  sessionId: string;
  /** The persona with its `{{variables}}` already filled. */
  persona: { name: string; instructions: string; firstMessage: string; language: string };
  voiceId: string;
  voiceSettings: { stability?: number; similarityBoost?: number; speed?: number };
  dynamicVariables: Record<string, string>;
  /** The provider-side agent, when Parley provisioned one. */
  providerAgentId: string | null;
  maxDurationSeconds: number;
}

/** The provider-side agent Parley builds from a persona and an agent. */
export interface ProviderAgentConfig {
  name: string;
  instructions: string;
  firstMessage: string;
  language: string;
  voiceId: string;
  maxDurationSeconds: number;
}

export interface Voice {
  id: string;
  name: string;
  provider: "elevenlabs" | "openai";
  category: string;
  labels: Record<string, string>;
  previewUrl: string | null;
}

export interface VoiceProviderClient {
  readonly name: "elevenlabs" | "openai";
  connect(input: ConnectInput): Promise<ConnectResponse>;
  listVoices(): Promise<Voice[]>;
  /** False while the circuit breaker is open: resolution falls back (design §4 rule 6). */
  healthy(): boolean;
}
