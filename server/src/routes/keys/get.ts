import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiKey, IdParam } from "@parley/types";
import { getKey } from "../../domain/keys";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/keys/{id}",
  tags: ["keys"],
  summary: "Get one key (never its secret part)",
  ...partnerRoute,
  request: { params: IdParam("key") },
  responses: {
    200: jsonContent(ApiKey, "The key"),
    ...problems(...partnerProblems, "not_found"),
  },
});

export function registerGetKey(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await getKey(c.var.services, c.var.auth, c.req.valid("param").id), 200),
  );
}
