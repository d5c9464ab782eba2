import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../services";
import { registerGetBrand } from "./get";
import { registerPutBrand } from "./put";

export function registerBrandRoutes(app: OpenAPIHono<AppEnv>) {
  registerGetBrand(app);
  registerPutBrand(app);
}
