import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { AcceptInviteRequest, Me } from "@parley/types";
import { sameOriginOnly, setSessionCookie } from "../../auth/dashboard-session";
import { loginThrottle } from "../../auth/login-throttle";
import { acceptInvitation, loadMe } from "../../domain/accounts";
import { jsonBody, jsonContent, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "post",
  path: "/v1/auth/accept-invite",
  tags: ["team"],
  summary: "Accept an invitation: join the team (creating the account if new) and sign in",
  middleware: [sameOriginOnly, loginThrottle] as const,
  request: { body: jsonBody(AcceptInviteRequest) },
  responses: {
    200: jsonContent(Me, "Joined and signed in; the `parley_session` cookie is set"),
    ...problems(
      "validation_failed",
      "unauthorized",
      "forbidden",
      "not_found",
      "conflict",
      "rate_limited",
    ),
  },
});

export function registerAcceptInvite(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { token, expiresAt, identity } = await acceptInvitation(
      c.var.services,
      c.req.valid("json"),
    );
    setSessionCookie(c, token, expiresAt);
    c.header("cache-control", "no-store");
    return c.json(await loadMe(c.var.services, identity), 200);
  });
}
