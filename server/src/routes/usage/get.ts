import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { UsageQuery, UsageReport } from "@parley/types";
import { usageReport } from "../../domain/usage-report";
import { jsonContent, partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/usage",
  tags: ["usage"],
  summary: "Usage over a date range, grouped by day, agent or provider, with this period's quota",
  description:
    "`from` and `to` are inclusive UTC dates and default to the current billing period (the calendar month in UTC); the range may span at most 366 days. Read from the daily rollups. With `groupBy=day&split=agent|provider` the answer also carries `series` (seconds per day for each agent or provider, every day of the range) for stacked charts.",
  ...partnerRoute,
  request: { query: UsageQuery },
  responses: {
    200: jsonContent(UsageReport, "The report"),
    ...problems(...partnerProblems),
  },
});

export function registerGetUsage(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await usageReport(c.var.services, c.var.auth, c.req.valid("query")), 200),
  );
}
