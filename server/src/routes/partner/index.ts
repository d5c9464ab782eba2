import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../services";
import { registerGetPartner } from "./get";
import { registerUpdatePartner } from "./update";

export function registerPartnerRoutes(app: OpenAPIHono<AppEnv>) {
  registerGetPartner(app);
  registerUpdatePartner(app);
}
