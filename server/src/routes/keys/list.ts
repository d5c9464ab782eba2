import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiKey, ListQuery, page } from "@parley/types";
import { listKeys } from "../../domain/keys";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/keys",
  tags: ["keys"],
  summary: "List keys, newest first (revoked ones included)",
  ...partnerRoute,
  request: { query: ListQuery },
  responses: {
    200: jsonContent(page(ApiKey, "ApiKeyList"), "A page of keys"),
    ...problems(...partnerProblems),
  },
});

export function registerListKeys(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await listKeys(c.var.services, c.var.auth, c.req.valid("query")), 200),
  );
}
