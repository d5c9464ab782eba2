import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { IdParam, Subaccount } from "@parley/types";
import { getSubaccount } from "../../domain/subaccounts";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/subaccounts/{id}",
  tags: ["subaccounts"],
  summary: "One of your sub-accounts (resellers)",
  ...partnerRoute,
  request: { params: IdParam("ptn") },
  responses: {
    200: jsonContent(Subaccount, "The sub-account"),
    ...problems(...partnerProblems, "not_found"),
  },
});

export function registerGetSubaccount(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await getSubaccount(c.var.services, c.var.auth, c.req.valid("param").id), 200),
  );
}
