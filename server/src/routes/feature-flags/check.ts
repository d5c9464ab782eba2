import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { FeatureCheck, FeatureCheckRequest } from "@parley/types";
import { loadEntitlements } from "../../domain/entitlements";
import { jsonBody, jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "post",
  path: "/v1/feature-flags/check",
  tags: ["feature-flags"],
  summary: "May this account use a feature now, and why (or why not)?",
  description:
    "The same decision session resolution makes (design §4 rule 5): plan and add-ons, then the feature flag (`override` for this account, else `global`, `disabled` when off), capped by the reseller for a sub-account. `requiresUpgrade` says buying something would turn it on. Viewers may ask too.",
  ...partnerRoute,
  request: { body: jsonBody(FeatureCheckRequest) },
  responses: {
    200: jsonContent(FeatureCheck, "The decision"),
    ...problems(...partnerProblems, "payload_too_large", "unsupported_media_type"),
  },
});

export function registerCheckFeature(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { services, auth } = c.var;
    const entitlements = await loadEntitlements(services.database, auth.partnerId, services.now());
    const { allowed, reason, requiresUpgrade } = entitlements.features[c.req.valid("json").feature];
    return c.json({ allowed, reason, requiresUpgrade }, 200);
  });
}
