import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../services";
import { registerCheckFeature } from "./check";

export function registerFeatureFlagRoutes(app: OpenAPIHono<AppEnv>) {
  registerCheckFeature(app);
}
