import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Deleted, IdParam } from "@parley/types";
import { cancelInvitation } from "../../domain/team";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "delete",
  path: "/v1/team/invitations/{id}",
  tags: ["team"],
  summary: "Cancel a pending invitation: its link stops working",
  ...partnerRoute,
  request: { params: IdParam("inv") },
  responses: {
    200: jsonContent(Deleted, "Cancelled"),
    ...problems(...partnerProblems, "not_found"),
  },
});

export function registerCancelInvitation(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await cancelInvitation(c.var.services, c.var.auth, c.req.valid("param").id), 200),
  );
}
