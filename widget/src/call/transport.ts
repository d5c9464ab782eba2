import type { ConnectResponse } from "@parley/types";

export type Role = "agent" | "user";
export type Mode = "listening" | "speaking";
/** Why the provider side of a call stopped. */
export type DisconnectReason = "agent_ended" | "network" | "error";

/** What a provider transport tells the call. */
export interface TransportEvents {
  onConnect(): void;
  onMessage(role: Role, text: string): void;
  onMode(mode: Mode): void;
  onDisconnect(reason: DisconnectReason, detail?: string): void;
}

/** Functions the agent may call in the page (design §7 `clientTools`). */
export type ClientTools = Record<
  string,
  (
    parameters: Record<string, unknown>,
  ) => string | number | undefined | Promise<string | number | undefined>
>;

export interface TransportOptions {
  /** No microphone: the visitor types, the agent still answers (in voice where possible). */
  textOnly: boolean;
  clientTools: ClientTools;
  /** A permitted microphone stream, when the call asked for one up front. */
  stream: MediaStream | null;
  /** Base URL for worklet files served beside the bundle (never `blob:`, for CSP). */
  workletBase: string;
  /** What the agent says first; providers that do not speak first are asked to. */
  firstMessage: string;
}

/** One live conversation with a voice provider, whichever it is. */
export interface Transport {
  sendText(text: string): void;
  setMuted(muted: boolean): void;
  /** 0…1: how loud the agent is right now, for the speaking indicator. */
  outputLevel(): number;
  /** 0…1: how loud the visitor is right now. */
  inputLevel(): number;
  close(): Promise<void>;
}

export type TransportFactory = (
  connection: ConnectResponse,
  options: TransportOptions,
  events: TransportEvents,
) => Promise<Transport>;
