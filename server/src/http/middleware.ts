import { createMiddleware } from "hono/factory";
import { ApiError } from "../errors";
import type { AppEnv, Services } from "../services";

export const provideServices = (services: Services) =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set("services", services);
    await next();
  });

/** One line per request: no query string, no headers, no body. */
export const accessLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = performance.now();
  await next();
  c.var.services.log.info("request", {
    requestId: c.var.requestId,
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    ms: Math.round((performance.now() - started) * 10) / 10,
  });
});

/** JSON API bodies must say they are JSON (`415` otherwise); webhooks read raw bodies. */
export const requireJson = createMiddleware<AppEnv>(async (c, next) => {
  const method = c.req.method;
  if (method === "POST" || method === "PUT" || method === "PATCH") {
    const length = c.req.header("content-length");
    const hasBody = (length !== undefined && length !== "0") || c.req.header("transfer-encoding");
    const type = c.req.header("content-type") ?? "";
    if (hasBody && !/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
      throw new ApiError("unsupported_media_type", "Send the body as application/json.");
    }
  }
  await next();
});
