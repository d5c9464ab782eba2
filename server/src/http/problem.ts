import type { Hook } from "@hono/zod-openapi";
import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import { ApiError } from "../errors";
import type { AppEnv } from "../services";

const problemHeaders = { "content-type": "application/problem+json" };

function respond(error: ApiError, requestId: string | undefined): Response {
  return new Response(JSON.stringify(error.toProblem(requestId)), {
    status: error.status,
    headers: { ...problemHeaders, ...error.headers },
  });
}

export function validationError(error: ZodError, target?: string): ApiError {
  const errors = error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || (target ?? ""),
    message: issue.message,
  }));
  const detail =
    errors.length === 1 && errors[0]
      ? `${errors[0].path ? `${errors[0].path}: ` : ""}${errors[0].message}`
      : `${errors.length} fields are invalid.`;
  return new ApiError("validation_failed", detail, { errors });
}

/** The one validation hook: every zod failure becomes `400 validation_failed` with fields. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (!result.success) {
    return respond(validationError(result.error, result.target), c.get("requestId"));
  }
};

const httpStatusCodes: Record<number, ApiError["code"]> = {
  400: "validation_failed",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/** Everything thrown becomes problem+json; unknown errors are logged by name only. */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const requestId = c.get("requestId");
  if (err instanceof ApiError) return respond(err, requestId);
  if (err instanceof HTTPException && httpStatusCodes[err.status]) {
    const code = httpStatusCodes[err.status] ?? "internal_error";
    const detail = err.status === 400 ? "The request body is not valid JSON." : err.message;
    return respond(new ApiError(code, detail), requestId);
  }
  // Log what failed without the message: driver errors can carry SQL and values.
  c.get("services")?.log.error("unhandled error", {
    requestId,
    error: err.name,
    path: c.req.path,
  });
  return respond(new ApiError("internal_error", "Something went wrong on our side."), requestId);
};

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  respond(
    new ApiError("not_found", `No route for ${c.req.method} ${c.req.path}.`),
    c.get("requestId"),
  );
