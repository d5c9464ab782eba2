import { createHash } from "node:crypto";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { WidgetConfig } from "@parley/types";
import { widgetConfig } from "../../domain/widget-config";
import { jsonContent, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/widget/config",
  tags: ["widget"],
  summary: "What the launcher shows: name, greeting, theme, hours (public, cacheable)",
  request: {
    query: z.object({
      agent: z
        .string()
        .max(64)
        .openapi({ param: { name: "agent", in: "query" } }),
      key: z
        .string()
        .max(64)
        .openapi({ param: { name: "key", in: "query" } }),
    }),
  },
  responses: {
    200: jsonContent(WidgetConfig, "The agent's public configuration"),
    304: { description: "Not modified (ETag)" },
    ...problems("invalid_key", "origin_not_allowed", "agent_not_found", "validation_failed"),
  },
});

export function registerWidgetConfig(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { agent, key } = c.req.valid("query");
    const { config, origin } = await widgetConfig(
      c.var.services,
      key,
      agent,
      c.req.header("origin"),
    );
    if (origin) c.set("corsOrigin", origin);
    const body = JSON.stringify(config);
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
    c.header("etag", etag);
    c.header("cache-control", "public, max-age=60, stale-while-revalidate=300");
    if (c.req.header("if-none-match") === etag) return c.body(null, 304);
    return c.json(config, 200);
  });
}
