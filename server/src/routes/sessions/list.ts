import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ListQuery, page, SessionListQuery, SessionSummary } from "@parley/types";
import { listSessions } from "../../domain/sessions";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/sessions",
  tags: ["sessions"],
  summary: "List conversations, newest first",
  description:
    "Filter by `agent`, `status`, `provider` and a time range on when the session started (`from` inclusive, `to` exclusive).",
  ...partnerRoute,
  request: { query: ListQuery.extend(SessionListQuery.shape) },
  responses: {
    200: jsonContent(page(SessionSummary, "SessionList"), "A page of sessions"),
    ...problems(...partnerProblems),
  },
});

export function registerListSessions(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await listSessions(c.var.services, c.var.auth, c.req.valid("query")), 200),
  );
}
