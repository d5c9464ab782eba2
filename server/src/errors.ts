import { type ErrorCode, errorStatus, type Problem } from "@parley/types";

const titles: Record<ErrorCode, string> = {
  invalid_key: "Invalid API key",
  unauthorized: "Authentication required",
  token_invalid: "Invalid session token",
  token_expired: "Session token expired",
  upgrade_required: "Upgrade required",
  origin_not_allowed: "Origin not allowed",
  forbidden: "Forbidden",
  agent_not_found: "Agent not found",
  not_found: "Not found",
  agent_offline: "Agent offline",
  token_used: "Session token already used",
  conflict: "Conflict",
  validation_failed: "Validation failed",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  quota_exceeded: "Quota exceeded",
  too_many_sessions: "Too many sessions",
  rate_limited: "Rate limited",
  internal_error: "Internal error",
  provider_unavailable: "Voice provider unavailable",
};

/**
 * The one error type of the server. Domain code throws it; `onError` turns it into
 * problem+json. `extras` become top-level members (`nextOpenAt`, `upgradeUrl`, `errors`).
 */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extras: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = errorStatus[code];
  }

  toProblem(requestId?: string): Problem {
    return {
      ...this.extras,
      type: `/problems/${this.code}`,
      title: titles[this.code],
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...(requestId ? { requestId } : {}),
    };
  }
}

export const notFound = (what: string) => new ApiError("not_found", `No ${what} with that id.`);
