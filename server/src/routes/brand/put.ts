import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Brand, PutBrandRequest } from "@parley/types";
import { putBrand } from "../../domain/brands";
import { jsonBody, jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "put",
  path: "/v1/brand",
  tags: ["brand"],
  summary: "Replace your brand",
  description:
    "A field left out goes back to unset. Colours are `#rrggbb` or `#rgb`; `radius` is 0px–32px; `logoUrl` must be https. `hidePoweredBy` needs the `remove_branding` entitlement (`402 upgrade_required`) unless you are a reseller; `customDomain` and `allowSubaccountOverrides: false` are for resellers only (`403 forbidden`). A sub-account whose reseller does not allow overrides gets `403 forbidden`. A reseller's brand applies to its sub-accounts' widgets at once.",
  ...partnerRoute,
  request: { body: jsonBody(PutBrandRequest) },
  responses: {
    200: jsonContent(Brand, "The brand as stored"),
    ...problems(
      ...partnerProblems,
      "upgrade_required",
      "conflict",
      "payload_too_large",
      "unsupported_media_type",
    ),
  },
});

export function registerPutBrand(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await putBrand(c.var.services, c.var.auth, c.req.valid("json")), 200),
  );
}
