import { z } from "@hono/zod-openapi";

export const UsageQuery = z.object({
  from: z
    .string()
    .date()
    .optional()
    .openapi({ param: { name: "from", in: "query" }, example: "2026-11-01" }),
  to: z
    .string()
    .date()
    .optional()
    .openapi({ param: { name: "to", in: "query" }, example: "2026-11-30" }),
  groupBy: z
    .enum(["day", "agent", "provider"])
    .default("day")
    .openapi({ param: { name: "groupBy", in: "query" } }),
  split: z
    .enum(["agent", "provider"])
    .optional()
    .openapi({
      param: { name: "split", in: "query" },
      description: "With groupBy=day: also answer `series`, one per agent or provider",
    }),
});

export const UsageRow = z
  .object({
    key: z.string().openapi({ description: "The day (YYYY-MM-DD), agent id or provider" }),
    sessions: z.number().int(),
    seconds: z.number().int(),
    characters: z.number().int(),
    costMicros: z.number().int(),
  })
  .openapi("UsageRow");

/** Seconds per day for one agent or provider: every day of the range, zeros included. */
export const UsageSeries = z
  .object({
    key: z.string().openapi({ description: "The agent id or provider" }),
    data: z.array(z.object({ day: z.string(), seconds: z.number().int() })),
  })
  .openapi("UsageSeries");

/** `GET /v1/usage` (design §5). Reads the daily rollups, never raw events. */
export const UsageReport = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(["day", "agent", "provider"]),
    data: z.array(UsageRow),
    totals: UsageRow.omit({ key: true }),
    quota: z.object({
      includedSeconds: z.number().int(),
      usedSeconds: z.number().int(),
      reservedSeconds: z.number().int(),
    }),
    series: z
      .array(UsageSeries)
      .optional()
      .openapi({ description: "Only with groupBy=day and split; for stacked charts" }),
  })
  .openapi("UsageReport");
export type UsageReport = z.infer<typeof UsageReport>;
