import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../services";
import { registerCreateSubaccount } from "./create";
import { registerGetSubaccount } from "./get";
import { registerListSubaccounts } from "./list";

export function registerSubaccountRoutes(app: OpenAPIHono<AppEnv>) {
  registerListSubaccounts(app);
  registerCreateSubaccount(app);
  registerGetSubaccount(app);
}
