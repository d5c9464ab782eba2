import type { WidgetError } from "../../../api";
import { canRetry } from "../state";

/**
 * What the visitor reads for a failure: a human sentence per problem code (partner-side
 * problems become a neutral "unavailable"), and whether a retry is offered.
 */

/** Codes where the problem is the partner's account, not the visitor: say little, log all. */
const partnerSide = new Set(["upgrade_required", "quota_exceeded"]);

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
  return { code, message, retry: canRetry(code), sentence };
}
