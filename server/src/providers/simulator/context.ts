import type { Logger } from "../../logger";

/** Pacing and timeouts; the defaults mimic the real services, tests shorten them. */
export interface SimulatorTiming {
  /** ElevenLabs sends `ping` this often; five unanswered pings end the call. */
  pingIntervalMs: number;
  /** Length of each synthesised audio chunk. */
  chunkMs: number;
  /** How far audio may be sent ahead of the (simulated) listener's playback position. */
  audioLeadMs: number;
  /** Period of the pacing and max-duration checks. */
  tickMs: number;
  /** How long the conversation waits for `conversation_initiation_client_data`. */
  initTimeoutMs: number;
  /** How long a `client_tool_call` waits for its `client_tool_result`. */
  toolTimeoutMs: number;
  /** First retry delay of the post-call webhook; doubles on each attempt. */
  webhookRetryDelayMs: number;
  webhookAttempts: number;
}

export const defaultTiming: SimulatorTiming = {
  pingIntervalMs: 2_000,
  chunkMs: 100,
  audioLeadMs: 500,
  tickMs: 20,
  initTimeoutMs: 1_500,
  toolTimeoutMs: 30_000,
  webhookRetryDelayMs: 1_000,
  webhookAttempts: 4,
};

/** A provisioned ElevenLabs agent, in the provider's own JSON field names. */
export interface StoredAgent {
  agent_id: string;
  name: string;
  conversation_config: Record<string, unknown>;
  platform_settings: Record<string, unknown>;
  tags: string[];
  created_at_unix_secs: number;
}

/** An OpenAI Realtime ephemeral key and the session configuration it carries. */
export interface StoredClientSecret {
  value: string;
  expiresAt: number;
  session: RealtimeSessionConfig;
}

export interface RealtimeSessionConfig {
  model: string;
  instructions: string;
  voice: string;
  outputModalities: Array<"audio" | "text">;
  /** `null` turns server VAD off: the client commits the input buffer itself. */
  turnDetection: {
    type: string;
    threshold: number;
    silenceDurationMs: number;
    prefixPaddingMs: number;
    createResponse: boolean;
    interruptResponse: boolean;
  } | null;
  /** Input transcription model, or `null` when the session did not ask for transcripts. */
  transcriptionModel: string | null;
}

export interface SimulatorContext {
  publicUrl: string;
  signingSecret: string;
  webhookUrl: string;
  webhookSecret: string;
  now: () => Date;
  log: Logger;
  fetch: typeof fetch;
  timing: SimulatorTiming;
  agents: Map<string, StoredAgent>;
  clientSecrets: Map<string, StoredClientSecret>;
  /** Set by `close()`: stops webhook retries and refuses new sockets. */
  closed: boolean;
}

export function nowSeconds(ctx: SimulatorContext): number {
  return Math.floor(ctx.now().getTime() / 1000);
}
