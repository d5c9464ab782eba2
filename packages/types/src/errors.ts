import { z } from "@hono/zod-openapi";

/**
 * Stable machine words for every error (design §6). The widget and partners switch on
 * these; the HTTP status of each lives beside it so server and clients agree.
 */
export const errorStatus = {
  invalid_key: 401,
  unauthorized: 401,
  token_invalid: 401,
  token_expired: 401,
  upgrade_required: 402,
  origin_not_allowed: 403,
  forbidden: 403,
  agent_not_found: 404,
  not_found: 404,
  agent_offline: 409,
  token_used: 409,
  conflict: 409,
  validation_failed: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  quota_exceeded: 429,
  too_many_sessions: 429,
  rate_limited: 429,
  internal_error: 500,
  provider_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

export const FieldError = z
  .object({
    path: z.string().openapi({ example: "name" }),
    message: z.string(),
  })
  .openapi("FieldError");

/** RFC 9457 problem details, plus `code` and per-error extras. */
export const Problem = z
  .object({
    type: z.string().openapi({ example: "/problems/validation_failed" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(errorCodes),
    requestId: z.string().optional(),
    errors: z.array(FieldError).optional(),
  })
  .catchall(z.unknown())
  .openapi("Problem");
export type Problem = z.infer<typeof Problem>;
