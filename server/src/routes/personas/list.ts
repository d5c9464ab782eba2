import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ListQuery, Persona, page } from "@parley/types";
import { listPersonas } from "../../domain/personas";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/personas",
  tags: ["personas"],
  summary: "List your custom personas, newest first (templates: /v1/personas/templates)",
  ...partnerRoute,
  request: { query: ListQuery },
  responses: {
    200: jsonContent(page(Persona, "PersonaList"), "A page of custom personas"),
    ...problems(...partnerProblems),
  },
});

export function registerListPersonas(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await listPersonas(c.var.services, c.var.auth, c.req.valid("query")), 200),
  );
}
