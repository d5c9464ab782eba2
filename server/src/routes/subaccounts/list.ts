import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ListQuery, page, Subaccount } from "@parley/types";
import { listSubaccounts } from "../../domain/subaccounts";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/subaccounts",
  tags: ["subaccounts"],
  summary: "List your sub-accounts with this period's usage and your charge (resellers)",
  description:
    "Newest first. `seconds` and `sessions` cover the current billing period; `resellerChargeMicros` is those seconds at your price per minute. Accounts that are not resellers get `403 forbidden`.",
  ...partnerRoute,
  request: { query: ListQuery },
  responses: {
    200: jsonContent(page(Subaccount, "SubaccountList"), "A page of sub-accounts"),
    ...problems(...partnerProblems),
  },
});

export function registerListSubaccounts(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await listSubaccounts(c.var.services, c.var.auth, c.req.valid("query")), 200),
  );
}
