import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../services";
import { registerLogin } from "./login";
import { registerLogout } from "./logout";
import { registerMe } from "./me";
import { registerSignup } from "./signup";
import { registerSwitch } from "./switch";

/**
 * Dashboard sign-up, sign-in, sign-out and switching partner (accepting an invitation is in
 * routes/team).
 */
export function registerAuthRoutes(app: OpenAPIHono<AppEnv>) {
  registerSignup(app);
  registerLogin(app);
  registerLogout(app);
  registerMe(app);
  registerSwitch(app);
}
