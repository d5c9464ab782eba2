import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../services";
import { registerGetUsage } from "./get";

export function registerUsageRoutes(app: OpenAPIHono<AppEnv>) {
  registerGetUsage(app);
}
