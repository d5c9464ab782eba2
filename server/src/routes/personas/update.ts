import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { IdParam, Persona, UpdatePersonaRequest } from "@parley/types";
import { updatePersona } from "../../domain/personas";
import { jsonBody, jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "patch",
  path: "/v1/personas/{id}",
  tags: ["personas"],
  summary: "Change one of your custom personas (templates are read-only)",
  ...partnerRoute,
  request: { params: IdParam("per"), body: jsonBody(UpdatePersonaRequest) },
  responses: {
    200: jsonContent(Persona, "The changed persona"),
    ...problems(...partnerProblems, "not_found", "payload_too_large", "unsupported_media_type"),
  },
});

export function registerUpdatePersona(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(
      await updatePersona(c.var.services, c.var.auth, c.req.valid("param").id, c.req.valid("json")),
      200,
    ),
  );
}
