import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { CreatePersonaRequest, Persona } from "@parley/types";
import { createPersona } from "../../domain/personas";
import { jsonBody, jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "post",
  path: "/v1/personas",
  tags: ["personas"],
  summary: "Create a custom persona",
  description:
    "Plans cap the number of custom personas (the free plan allows none): past the cap the answer is `402 upgrade_required` with an `upgradeUrl`.",
  ...partnerRoute,
  request: { body: jsonBody(CreatePersonaRequest) },
  responses: {
    201: jsonContent(Persona, "The new persona"),
    ...problems(
      ...partnerProblems,
      "upgrade_required",
      "payload_too_large",
      "unsupported_media_type",
    ),
  },
});

export function registerCreatePersona(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await createPersona(c.var.services, c.var.auth, c.req.valid("json")), 201),
  );
}
