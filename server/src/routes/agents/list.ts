import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Agent, ListQuery, page } from "@parley/types";
import { listAgents } from "../../domain/agents";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/agents",
  tags: ["agents"],
  summary: "List agents, newest first",
  ...partnerRoute,
  request: { query: ListQuery },
  responses: {
    200: jsonContent(page(Agent, "AgentList"), "A page of agents"),
    ...problems(...partnerProblems),
  },
});

export function registerListAgents(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await listAgents(c.var.services, c.var.auth, c.req.valid("query")), 200),
  );
}
