/** What the visitor sees (design §7 states), plus the loading and consent gates. */
export type Phase =
  | "loading"
  | "idle"
  | "consent"
  | "asking_mic"
  | "connecting"
  | "listening"
  | "speaking"
  | "ended"
  | "offline"
  | "error";

export const inCall = (phase: Phase) =>
  phase === "asking_mic" || phase === "connecting" || phase === "listening" || phase === "speaking";

/** Codes where pressing the same button again can work. */
const retryable = new Set([
  "network",
  "too_many_sessions",
  "rate_limited",
  "provider_unavailable",
  "token_expired",
  "token_used",
  "token_invalid",
  "microphone_denied",
  "microphone_unavailable",
  "call_failed",
  "internal_error",
  "unknown",
]);

/** Whether trying again can help (a retry button; the unavailable launcher retries on click). */
export const canRetry = (code: string) => retryable.has(code);

/** A feature attribute: `transcript="false"` turns it off; absent (null) follows the server. */
export type Toggle = boolean | null;

export const toggleConverter = {
  fromAttribute: (value: string | null): Toggle =>
    value === null ? null : !["false", "off", "0"].includes(value),
  toAttribute: (value: Toggle) => (value === null ? null : String(value)),
};
