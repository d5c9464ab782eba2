import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { IdParam, Session } from "@parley/types";
import { getSession } from "../../domain/sessions";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/sessions/{id}",
  tags: ["sessions"],
  summary: "Get one conversation with its transcript",
  ...partnerRoute,
  request: { params: IdParam("ses") },
  responses: {
    200: jsonContent(Session, "The session"),
    ...problems(...partnerProblems, "not_found"),
  },
});

export function registerGetSession(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await getSession(c.var.services, c.var.auth, c.req.valid("param").id), 200),
  );
}
