import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Me, SwitchPartnerRequest } from "@parley/types";
import { requireDashboardSession, setSessionCookie } from "../../auth/dashboard-session";
import { loadMe, switchPartner } from "../../domain/accounts";
import { jsonBody, jsonContent, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "post",
  path: "/v1/auth/switch",
  tags: ["auth"],
  summary:
    "Act for another partner you belong to: rotates the session (new cookie and CSRF token; needs X-CSRF-Token)",
  security: [{ cookieAuth: [] }],
  request: { body: jsonBody(SwitchPartnerRequest) },
  responses: {
    200: jsonContent(Me, "Now acting for that partner; a new `parley_session` cookie is set"),
    ...problems("validation_failed", "unauthorized", "forbidden", "not_found"),
  },
});

export function registerSwitch(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const current = await requireDashboardSession(c);
    const { partnerId } = c.req.valid("json");
    const { token, expiresAt, identity } = await switchPartner(c.var.services, current, partnerId);
    setSessionCookie(c, token, expiresAt);
    c.header("cache-control", "no-store");
    return c.json(await loadMe(c.var.services, identity), 200);
  });
}
