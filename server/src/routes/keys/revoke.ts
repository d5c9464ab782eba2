import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiKey, IdParam } from "@parley/types";
import { revokeKey } from "../../domain/keys";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "delete",
  path: "/v1/keys/{id}",
  tags: ["keys"],
  summary: "Revoke a key: refused from its next request on",
  ...partnerRoute,
  request: { params: IdParam("key") },
  responses: {
    200: jsonContent(ApiKey, "The revoked key"),
    ...problems(...partnerProblems, "not_found"),
  },
});

export function registerRevokeKey(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await revokeKey(c.var.services, c.var.auth, c.req.valid("param").id), 200),
  );
}
