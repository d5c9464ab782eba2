import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { CreatedSubaccount, CreateSubaccountRequest } from "@parley/types";
import { createSubaccount } from "../../domain/subaccounts";
import { jsonBody, jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "post",
  path: "/v1/subaccounts",
  tags: ["subaccounts"],
  summary: "Create a sub-account, with a secret key to manage it (resellers)",
  description:
    "The plan defaults to yours and may not be above it (`402 upgrade_required`). The answer carries the sub-account's secret key once; store it to manage the sub-account server to server. A sub-account never gets a feature you lack.",
  ...partnerRoute,
  request: { body: jsonBody(CreateSubaccountRequest) },
  responses: {
    201: jsonContent(CreatedSubaccount, "The new sub-account and its secret key"),
    ...problems(
      ...partnerProblems,
      "upgrade_required",
      "payload_too_large",
      "unsupported_media_type",
    ),
  },
});

export function registerCreateSubaccount(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await createSubaccount(c.var.services, c.var.auth, c.req.valid("json")), 201),
  );
}
