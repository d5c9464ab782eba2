import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Brand } from "@parley/types";
import { getBrand } from "../../domain/brands";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/brand",
  tags: ["brand"],
  summary: "Your brand: the widget's name, logo, colours, font and radius",
  ...partnerRoute,
  responses: {
    200: jsonContent(Brand, "The brand; unset fields are null"),
    ...problems(...partnerProblems),
  },
});

export function registerGetBrand(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await getBrand(c.var.services, c.var.auth), 200));
}
