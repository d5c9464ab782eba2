import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Me, SignupRequest } from "@parley/types";
import { sameOriginOnly, setSessionCookie } from "../../auth/dashboard-session";
import { loginThrottle } from "../../auth/login-throttle";
import { loadMe, signup } from "../../domain/accounts";
import { jsonBody, jsonContent, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "post",
  path: "/v1/auth/signup",
  tags: ["auth"],
  summary: "Create an account and its partner (plan free), and sign in",
  middleware: [sameOriginOnly, loginThrottle] as const,
  request: { body: jsonBody(SignupRequest) },
  responses: {
    201: jsonContent(Me, "Signed in; the `parley_session` cookie is set"),
    ...problems(
      "validation_failed",
      "forbidden",
      "conflict",
      "unsupported_media_type",
      "rate_limited",
    ),
  },
});

export function registerSignup(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { token, expiresAt, identity } = await signup(c.var.services, c.req.valid("json"));
    setSessionCookie(c, token, expiresAt);
    c.header("cache-control", "no-store");
    return c.json(await loadMe(c.var.services, identity), 201);
  });
}
