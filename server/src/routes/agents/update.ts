import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Agent, IdParam, UpdateAgentRequest } from "@parley/types";
import { updateAgent } from "../../domain/agents";
import { jsonBody, jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "patch",
  path: "/v1/agents/{id}",
  tags: ["agents"],
  summary: "Change an agent (any field, including pausing it)",
  description:
    "A paused agent refuses new sessions. Changing the voice or persona of an ElevenLabs agent sets `provisioningStatus` back to `pending`.",
  ...partnerRoute,
  request: { params: IdParam("agt"), body: jsonBody(UpdateAgentRequest) },
  responses: {
    200: jsonContent(Agent, "The changed agent"),
    ...problems(...partnerProblems, "not_found", "payload_too_large", "unsupported_media_type"),
  },
});

export function registerUpdateAgent(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(
      await updateAgent(c.var.services, c.var.auth, c.req.valid("param").id, c.req.valid("json")),
      200,
    ),
  );
}
