import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Agent, IdParam } from "@parley/types";
import { getAgent } from "../../domain/agents";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/agents/{id}",
  tags: ["agents"],
  summary: "Get one agent",
  ...partnerRoute,
  request: { params: IdParam("agt") },
  responses: {
    200: jsonContent(Agent, "The agent"),
    ...problems(...partnerProblems, "not_found"),
  },
});

export function registerGetAgent(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await getAgent(c.var.services, c.var.auth, c.req.valid("param").id), 200),
  );
}
