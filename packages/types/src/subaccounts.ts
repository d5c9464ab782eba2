import { z } from "@hono/zod-openapi";
import { name, Timestamp } from "./common";

/** A reseller's sub-account with this billing period's usage and the reseller's charge. */
export const Subaccount = z
  .object({
    id: z.string().openapi({ example: "ptn_01JDXAMPLE" }),
    name: z.string(),
    planId: z.string(),
    status: z.enum(["active", "suspended"]),
    timezone: z.string(),
    createdAt: Timestamp,
    period: z.object({
      from: z.string().openapi({ example: "2026-11-01" }),
      to: z.string().openapi({ example: "2026-11-30", description: "inclusive" }),
    }),
    sessions: z.number().int(),
    seconds: z.number().int(),
    resellerChargeMicros: z.number().int().nullable().openapi({
      description:
        "seconds × your price per minute / 60, rounded; null until you set a price (PATCH /v1/partner)",
    }),
  })
  .openapi("Subaccount");
export type Subaccount = z.infer<typeof Subaccount>;

export const CreateSubaccountRequest = z
  .object({
    name: name(),
    planId: z
      .string()
      .max(64)
      .optional()
      .openapi({ description: "Defaults to your own plan; may not be above it" }),
  })
  .strict()
  .openapi("CreateSubaccountRequest");
export type CreateSubaccountRequest = z.infer<typeof CreateSubaccountRequest>;

/** The only time the sub-account's secret key is shown. */
export const CreatedSubaccount = Subaccount.extend({
  secretKey: z.string().openapi({ example: "sk_live_…" }),
}).openapi("CreatedSubaccount");
export type CreatedSubaccount = z.infer<typeof CreatedSubaccount>;
