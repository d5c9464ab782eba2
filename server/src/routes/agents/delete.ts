import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Deleted, IdParam } from "@parley/types";
import { deleteAgent } from "../../domain/agents";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "delete",
  path: "/v1/agents/{id}",
  tags: ["agents"],
  summary: "Delete an agent and its sessions (usage records stay)",
  ...partnerRoute,
  request: { params: IdParam("agt") },
  responses: {
    200: jsonContent(Deleted, "The agent is gone"),
    ...problems(...partnerProblems, "not_found"),
  },
});

export function registerDeleteAgent(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await deleteAgent(c.var.services, c.var.auth, c.req.valid("param").id), 200),
  );
}
