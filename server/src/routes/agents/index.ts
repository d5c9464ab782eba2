import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../services";
import { registerCreateAgent } from "./create";
import { registerDeleteAgent } from "./delete";
import { registerGetAgent } from "./get";
import { registerListAgents } from "./list";
import { registerProvisionAgent } from "./provision";
import { registerUpdateAgent } from "./update";

export function registerAgentRoutes(app: OpenAPIHono<AppEnv>) {
  registerListAgents(app);
  registerCreateAgent(app);
  registerGetAgent(app);
  registerUpdateAgent(app);
  registerDeleteAgent(app);
  registerProvisionAgent(app);
}
