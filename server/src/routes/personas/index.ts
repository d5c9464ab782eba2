import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../services";
import { registerCreatePersona } from "./create";
import { registerCreatePersonaFromTemplate } from "./create-from-template";
import { registerDeletePersona } from "./delete";
import { registerGetPersona } from "./get";
import { registerListPersonas } from "./list";
import { registerListTemplates } from "./templates";
import { registerUpdatePersona } from "./update";

export function registerPersonaRoutes(app: OpenAPIHono<AppEnv>) {
  registerListPersonas(app);
  // Before `/v1/personas/{id}`: Hono tries routes in registration order.
  registerListTemplates(app);
  registerCreatePersona(app);
  registerCreatePersonaFromTemplate(app);
  registerGetPersona(app);
  registerUpdatePersona(app);
  registerDeletePersona(app);
}
