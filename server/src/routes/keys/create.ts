import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { CreatedKey, CreateKeyRequest } from "@parley/types";
import { createKey } from "../../domain/keys";
import { jsonBody, jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "post",
  path: "/v1/keys",
  tags: ["keys"],
  summary: "Create a publishable or secret key (the whole key is shown only here)",
  ...partnerRoute,
  request: { body: jsonBody(CreateKeyRequest) },
  responses: {
    201: jsonContent(CreatedKey, "The new key, shown once"),
    ...problems(...partnerProblems, "payload_too_large", "unsupported_media_type"),
  },
});

export function registerCreateKey(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const key = await createKey(c.var.services, c.var.auth, c.req.valid("json"));
    return c.json(key, 201);
  });
}
