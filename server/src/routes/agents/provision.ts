import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Agent, IdParam } from "@parley/types";
import { getAgent } from "../../domain/agents";
import { enqueueProvisioning } from "../../domain/provisioning";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "post",
  path: "/v1/agents/{id}/provision",
  tags: ["agents"],
  summary: "Provision an agent at its voice provider now",
  description:
    "Creates or updates the ElevenLabs agent behind this agent and answers with the agent once that attempt is over. A provider failure is not an error here: the agent shows `provisioningStatus: provisioning_failed` and a `provisioningError`, and stays usable. OpenAI agents need nothing (`not_required`).",
  ...partnerRoute,
  request: { params: IdParam("agt") },
  responses: {
    200: jsonContent(Agent, "The agent after the attempt"),
    ...problems(...partnerProblems, "not_found"),
  },
});

export function registerProvisionAgent(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { services, auth } = c.var;
    const { id } = c.req.valid("param");
    // Checks the agent is this partner's before anything reaches the provider.
    await getAgent(services, auth, id);
    await enqueueProvisioning(services, id);
    return c.json(await getAgent(services, auth, id), 200);
  });
}
