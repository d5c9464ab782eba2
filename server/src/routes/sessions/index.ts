import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../services";
import { registerGetSession } from "./get";
import { registerListSessions } from "./list";

export function registerSessionRoutes(app: OpenAPIHono<AppEnv>) {
  registerListSessions(app);
  registerGetSession(app);
}
