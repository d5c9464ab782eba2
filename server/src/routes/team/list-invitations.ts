import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Invitation, page } from "@parley/types";
import { listInvitations } from "../../domain/team";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/team/invitations",
  tags: ["team"],
  summary: "List pending invitations (never their links), newest first",
  ...partnerRoute,
  responses: {
    200: jsonContent(page(Invitation, "InvitationList"), "Pending invitations"),
    ...problems(...partnerProblems),
  },
});

export function registerListInvitations(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await listInvitations(c.var.services, c.var.auth), 200));
}
