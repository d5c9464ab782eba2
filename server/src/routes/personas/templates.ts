import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Persona, page } from "@parley/types";
import { listTemplates } from "../../domain/personas";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/personas/templates",
  tags: ["personas"],
  summary: "List the system persona templates every partner may use (one page)",
  ...partnerRoute,
  responses: {
    200: jsonContent(page(Persona, "PersonaTemplateList"), "All templates"),
    ...problems(...partnerProblems),
  },
});

export function registerListTemplates(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await listTemplates(c.var.services), 200));
}
