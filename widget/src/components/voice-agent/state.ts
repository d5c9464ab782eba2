import type { WidgetConfig } from "@parley/types";
import type { WidgetError } from "../../api";

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

/** Codes where the problem is the partner's account, not the visitor: say little, log all. */
const partnerSide = new Set(["upgrade_required", "quota_exceeded"]);

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

/** Codes with their own sentence in the catalogs (`error.<code>`). */
const worded = new Set([
  "invalid_key",
  "origin_not_allowed",
  "agent_not_found",
  "agent_offline",
  "too_many_sessions",
  "rate_limited",
  "provider_unavailable",
  "token_expired",
  "token_used",
  "token_invalid",
  "network",
  "microphone_denied",
  "microphone_unavailable",
  "call_failed",
]);

export interface ShownError {
  code: string;
  message: string;
  retry: boolean;
  /** The i18n key of the sentence the visitor reads. */
  sentence:
    | "error.unavailable"
    | "error.unknown"
    | `error.${"invalid_key" | "origin_not_allowed" | "agent_not_found" | "agent_offline"}`
    | `error.${"too_many_sessions" | "rate_limited" | "provider_unavailable" | "network"}`
    | `error.${"token_expired" | "token_used" | "token_invalid" | "call_failed"}`
    | `error.${"microphone_denied" | "microphone_unavailable"}`;
}

function isWorded(
  code: string,
): code is ShownError["sentence"] extends `error.${infer C}` ? C : never {
  return worded.has(code);
}

export function describeError(error: WidgetError): ShownError {
  const { code, message } = error;
  const sentence: ShownError["sentence"] = partnerSide.has(code)
    ? "error.unavailable"
    : isWorded(code)
      ? `error.${code}`
      : "error.unknown";
  return { code, message, retry: retryable.has(code), sentence };
}

/** A feature attribute: `transcript="false"` turns it off; absent (null) follows the server. */
export type Toggle = boolean | null;

export const toggleConverter = {
  fromAttribute: (value: string | null): Toggle =>
    value === null ? null : !["false", "off", "0"].includes(value),
  toAttribute: (value: Toggle) => (value === null ? null : String(value)),
};

/** What the visitor gets: the server allows a feature, and the page did not turn it off. */
export function effectiveFeatures(
  config: WidgetConfig | null,
  page: { textInput: Toggle; transcript: Toggle; mute: Toggle },
) {
  const allowed = config?.features ?? { textInput: false, transcript: true, mute: true };
  return {
    textInput: allowed.textInput && page.textInput !== false,
    transcript: allowed.transcript && page.transcript !== false,
    mute: allowed.mute && page.mute !== false,
  };
}
