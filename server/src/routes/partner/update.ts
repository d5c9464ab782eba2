import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { PartnerSettings, UpdatePartnerRequest } from "@parley/types";
import { updatePartnerSettings } from "../../domain/partner-settings";
import { jsonBody, jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "patch",
  path: "/v1/partner",
  tags: ["partner"],
  summary: "Rename the account, change its time zone, or (resellers) the price per minute",
  description:
    "`timezone` is an IANA name. `resellerPriceMicrosPerMinute` is for resellers only (`403 forbidden` otherwise). Owners and admins only.",
  ...partnerRoute,
  request: { body: jsonBody(UpdatePartnerRequest) },
  responses: {
    200: jsonContent(PartnerSettings, "The changed settings"),
    ...problems(...partnerProblems, "payload_too_large", "unsupported_media_type"),
  },
});

export function registerUpdatePartner(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await updatePartnerSettings(c.var.services, c.var.auth, c.req.valid("json")), 200),
  );
}
