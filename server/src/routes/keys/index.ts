import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../services";
import { registerCreateKey } from "./create";
import { registerGetKey } from "./get";
import { registerListKeys } from "./list";
import { registerRevokeKey } from "./revoke";

export function registerKeyRoutes(app: OpenAPIHono<AppEnv>) {
  registerListKeys(app);
  registerCreateKey(app);
  registerGetKey(app);
  registerRevokeKey(app);
}
