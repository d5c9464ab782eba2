import type { OpenAPIHono } from "@hono/zod-openapi";
import { widgetCors } from "../../http/widget-cors";
import type { AppEnv } from "../../services";
import { registerSessionCalls } from "./calls";
import { registerWidgetConfig } from "./config";
import { registerCreateSession } from "./create-session";

export function registerWidgetRoutes(app: OpenAPIHono<AppEnv>) {
  app.use("/v1/widget/*", widgetCors);
  registerWidgetConfig(app);
  registerCreateSession(app);
  registerSessionCalls(app);
}
