import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Deleted } from "@parley/types";
import { removeMember } from "../../domain/team";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";
import { UserIdParam } from "./params";

const route = createRoute({
  method: "delete",
  path: "/v1/team/{userId}",
  tags: ["team"],
  summary: "Remove a member and end their sessions (the last owner stays)",
  ...partnerRoute,
  request: { params: UserIdParam },
  responses: {
    200: jsonContent(Deleted, "Removed; `id` is the user id"),
    ...problems(...partnerProblems, "not_found", "conflict"),
  },
});

export function registerRemoveMember(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await removeMember(c.var.services, c.var.auth, c.req.valid("param").userId), 200),
  );
}
