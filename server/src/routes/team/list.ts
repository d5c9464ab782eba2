import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ListQuery, page, TeamMember } from "@parley/types";
import { listMembers } from "../../domain/team";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/team",
  tags: ["team"],
  summary: "List the team's members in the order they joined",
  ...partnerRoute,
  request: { query: ListQuery },
  responses: {
    200: jsonContent(page(TeamMember, "TeamMemberList"), "A page of members"),
    ...problems(...partnerProblems),
  },
});

export function registerListMembers(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await listMembers(c.var.services, c.var.auth, c.req.valid("query")), 200),
  );
}
