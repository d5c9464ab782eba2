import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { Problem } from "@parley/types";
import { sql } from "drizzle-orm";
import type { AppEnv } from "../../services";

const Health = z.object({ status: z.literal("ok") }).openapi("Health");
const Ready = z
  .object({ status: z.enum(["ok", "unavailable"]), database: z.enum(["ok", "unavailable"]) })
  .openapi("Ready");

const healthz = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["ops"],
  summary: "Liveness: the process answers",
  responses: { 200: { description: "Alive", content: { "application/json": { schema: Health } } } },
});

const readyz = createRoute({
  method: "get",
  path: "/readyz",
  tags: ["ops"],
  summary: "Readiness: the database answers",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: Ready } } },
    503: { description: "Not ready", content: { "application/json": { schema: Ready } } },
    500: { description: "Error", content: { "application/problem+json": { schema: Problem } } },
  },
});

export function registerHealth(app: OpenAPIHono<AppEnv>) {
  app.openapi(healthz, (c) => c.json({ status: "ok" as const }, 200));
  app.openapi(readyz, async (c) => {
    try {
      await c.var.services.database.rows(sql`select 1 as ok`);
      return c.json({ status: "ok" as const, database: "ok" as const }, 200);
    } catch {
      return c.json({ status: "unavailable" as const, database: "unavailable" as const }, 503);
    }
  });
}
