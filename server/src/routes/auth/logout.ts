import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import {
  clearSessionCookie,
  endSession,
  requireDashboardSession,
} from "../../auth/dashboard-session";
import { problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "post",
  path: "/v1/auth/logout",
  tags: ["auth"],
  summary: "Sign out: ends the session and clears the cookie (needs X-CSRF-Token)",
  security: [{ cookieAuth: [] }],
  responses: {
    204: { description: "Signed out" },
    ...problems("unauthorized", "forbidden"),
  },
});

export function registerLogout(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const session = await requireDashboardSession(c);
    await endSession(c.var.services, session.id);
    clearSessionCookie(c);
    return c.body(null, 204);
  });
}
