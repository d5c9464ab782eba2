import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Me } from "@parley/types";
import { requireDashboardSession } from "../../auth/dashboard-session";
import { loadMe } from "../../domain/accounts";
import { jsonContent, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/auth/me",
  tags: ["auth"],
  summary:
    "The signed-in user, their partner and role, every partner they belong to, the CSRF token and plan features",
  security: [{ cookieAuth: [] }],
  responses: {
    200: jsonContent(Me, "The current session"),
    ...problems("unauthorized"),
  },
});

export function registerMe(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const session = await requireDashboardSession(c);
    c.header("cache-control", "no-store");
    return c.json(await loadMe(c.var.services, session), 200);
  });
}
