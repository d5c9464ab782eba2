import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { TeamMember, UpdateRoleRequest } from "@parley/types";
import { updateRole } from "../../domain/team";
import { jsonBody, jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";
import { UserIdParam } from "./params";

const route = createRoute({
  method: "patch",
  path: "/v1/team/{userId}",
  tags: ["team"],
  summary: "Change a member's role (only owners touch the owner role; the last owner stays)",
  ...partnerRoute,
  request: { params: UserIdParam, body: jsonBody(UpdateRoleRequest) },
  responses: {
    200: jsonContent(TeamMember, "The member with the new role"),
    ...problems(...partnerProblems, "not_found", "conflict", "unsupported_media_type"),
  },
});

export function registerUpdateRole(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { userId } = c.req.valid("param");
    const { role } = c.req.valid("json");
    return c.json(await updateRole(c.var.services, c.var.auth, userId, role), 200);
  });
}
