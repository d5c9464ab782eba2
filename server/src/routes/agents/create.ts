import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Agent, CreateAgentRequest } from "@parley/types";
import { createAgent } from "../../domain/agents";
import { jsonBody, jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "post",
  path: "/v1/agents",
  tags: ["agents"],
  summary: "Create an agent on a template or one of your personas",
  description:
    "The voice defaults to the persona's preferred one. Plans cap the number of agents: past the cap the answer is `402 upgrade_required` with an `upgradeUrl`.",
  ...partnerRoute,
  request: { body: jsonBody(CreateAgentRequest) },
  responses: {
    201: jsonContent(Agent, "The new agent"),
    ...problems(
      ...partnerProblems,
      "not_found",
      "upgrade_required",
      "payload_too_large",
      "unsupported_media_type",
    ),
  },
});

export function registerCreateAgent(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await createAgent(c.var.services, c.var.auth, c.req.valid("json")), 201),
  );
}
