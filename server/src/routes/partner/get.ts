import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { PartnerSettings } from "@parley/types";
import { getPartnerSettings } from "../../domain/partner-settings";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/partner",
  tags: ["partner"],
  summary: "Your account's settings",
  ...partnerRoute,
  responses: {
    200: jsonContent(PartnerSettings, "The settings"),
    ...problems(...partnerProblems),
  },
});

export function registerGetPartner(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await getPartnerSettings(c.var.services, c.var.auth), 200),
  );
}
