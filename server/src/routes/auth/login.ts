import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { LoginRequest, Me } from "@parley/types";
import { sameOriginOnly, setSessionCookie } from "../../auth/dashboard-session";
import { loginThrottle } from "../../auth/login-throttle";
import { loadMe, login } from "../../domain/accounts";
import { jsonBody, jsonContent, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "post",
  path: "/v1/auth/login",
  tags: ["auth"],
  summary:
    "Sign in with email and password (5 failures lock the account for 15 minutes; attempts per client IP are limited too)",
  middleware: [sameOriginOnly, loginThrottle] as const,
  request: { body: jsonBody(LoginRequest) },
  responses: {
    200: jsonContent(Me, "Signed in; the `parley_session` cookie is set"),
    ...problems("validation_failed", "unauthorized", "forbidden", "rate_limited"),
  },
});

export function registerLogin(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { token, expiresAt, identity } = await login(c.var.services, c.req.valid("json"));
    setSessionCookie(c, token, expiresAt);
    c.header("cache-control", "no-store");
    return c.json(await loadMe(c.var.services, identity), 200);
  });
}
