import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../services";
import { registerListVoices } from "./list";

export function registerVoiceRoutes(app: OpenAPIHono<AppEnv>) {
  registerListVoices(app);
}
