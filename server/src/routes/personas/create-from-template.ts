import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { CreatePersonaFromTemplateRequest, Persona } from "@parley/types";
import { createPersonaFromTemplate } from "../../domain/personas";
import { jsonBody, jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "post",
  path: "/v1/personas/from-template",
  tags: ["personas"],
  summary: "Copy a system template into a custom persona you can edit",
  description: "Counts against the plan's custom-persona cap like any custom persona.",
  ...partnerRoute,
  request: { body: jsonBody(CreatePersonaFromTemplateRequest) },
  responses: {
    201: jsonContent(Persona, "The new persona, with createdFromTemplateId set"),
    ...problems(
      ...partnerProblems,
      "not_found",
      "upgrade_required",
      "payload_too_large",
      "unsupported_media_type",
    ),
  },
});

export function registerCreatePersonaFromTemplate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await createPersonaFromTemplate(c.var.services, c.var.auth, c.req.valid("json")), 201),
  );
}
