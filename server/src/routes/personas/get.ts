import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { IdParam, Persona } from "@parley/types";
import { getPersona } from "../../domain/personas";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/personas/{id}",
  tags: ["personas"],
  summary: "Get one of your personas or a system template",
  ...partnerRoute,
  request: { params: IdParam("per") },
  responses: {
    200: jsonContent(Persona, "The persona"),
    ...problems(...partnerProblems, "not_found"),
  },
});

export function registerGetPersona(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await getPersona(c.var.services, c.var.auth, c.req.valid("param").id), 200),
  );
}
