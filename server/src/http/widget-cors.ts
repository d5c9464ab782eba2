import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../services";

/**
 * CORS for the widget endpoints. Preflights are answered for any origin (they carry no
 * key, and reveal nothing). Data is readable cross-origin only once the handler has verified
 * the origin for this key/agent or token (`c.set("corsOrigin", …)`). Problems are readable
 * by any page: they carry only a code and a sentence (anyone can read them with curl), and
 * without them the widget on a refused site could only say "network error" instead of
 * `origin_not_allowed`.
 */
export const widgetCors = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header("origin");
  if (c.req.method === "OPTIONS") {
    return new Response(null, {
      status: 204,
      headers: {
        ...(origin ? { "access-control-allow-origin": origin } : {}),
        "access-control-allow-methods": "GET, POST",
        "access-control-allow-headers": "authorization, content-type",
        "access-control-max-age": "600",
        vary: "Origin",
      },
    });
  }
  await next();
  const allowed = c.get("corsOrigin");
  c.res.headers.append("vary", "Origin");
  const verified = allowed !== undefined && allowed === origin?.toLowerCase().replace(/\/$/, "");
  const problem = c.res.headers.get("content-type")?.startsWith("application/problem+json");
  if (origin && (verified || problem)) {
    c.res.headers.set("access-control-allow-origin", origin);
    c.res.headers.set("access-control-expose-headers", "retry-after, etag");
  }
});

/** The client's address for rate limiting: the socket's, or the proxy's header if trusted. */
export function clientIp(c: Context<AppEnv>): string {
  if (c.var.services.env.TRUST_PROXY) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // In-process requests (tests) have no socket.
    return "local";
  }
}

export function bearer(c: Context<AppEnv>): string {
  return /^Bearer (\S+)$/.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
}
