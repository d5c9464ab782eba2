import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Deleted, IdParam } from "@parley/types";
import { deletePersona } from "../../domain/personas";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "delete",
  path: "/v1/personas/{id}",
  tags: ["personas"],
  summary: "Delete one of your custom personas",
  description:
    "A persona that agents still use is kept: `409 conflict` with their ids in `agentIds`.",
  ...partnerRoute,
  request: { params: IdParam("per") },
  responses: {
    200: jsonContent(Deleted, "The persona is gone"),
    ...problems(...partnerProblems, "not_found", "conflict"),
  },
});

export function registerDeletePersona(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await deletePersona(c.var.services, c.var.auth, c.req.valid("param").id), 200),
  );
}
