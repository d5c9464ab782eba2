import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { CreatedInvitation, InviteRequest } from "@parley/types";
import { createInvitation } from "../../domain/team";
import { jsonBody, jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "post",
  path: "/v1/team/invitations",
  tags: ["team"],
  summary:
    "Invite someone (owner/admin): the one-time accept link is emailed when SMTP is set up, else shown only here",
  ...partnerRoute,
  request: { body: jsonBody(InviteRequest) },
  responses: {
    201: jsonContent(CreatedInvitation, "The invitation and its accept link"),
    ...problems(...partnerProblems, "conflict", "unsupported_media_type"),
  },
});

export function registerInvite(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const invitation = await createInvitation(c.var.services, c.var.auth, c.req.valid("json"));
    c.header("cache-control", "no-store");
    return c.json(invitation, 201);
  });
}
