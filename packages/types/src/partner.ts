import { z } from "@hono/zod-openapi";
import { name, Timestamp } from "./common";

/** An IANA time zone name, checked against the runtime's zone database. */
export const TimeZone = z
  .string()
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: "must be an IANA time zone like Europe/Madrid" },
  )
  .openapi({ example: "Europe/Madrid" });

/** `GET /v1/partner`: the account's own settings (a superset of `Me.partner`). */
export const PartnerSettings = z
  .object({
    id: z.string().openapi({ example: "ptn_01JDXAMPLE" }),
    name: z.string(),
    timezone: z.string(),
    isReseller: z.boolean(),
    planId: z.string(),
    parentId: z.string().nullable().openapi({ description: "The reseller, for a sub-account" }),
    status: z.enum(["active", "suspended"]),
    resellerPriceMicrosPerMinute: z.number().int().nullable().openapi({
      description: "Resellers: what a sub-account's minute costs, in micros",
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi("PartnerSettings");
export type PartnerSettings = z.infer<typeof PartnerSettings>;

export const UpdatePartnerRequest = z
  .object({
    name: name().optional(),
    timezone: TimeZone.optional(),
    resellerPriceMicrosPerMinute: z
      .number()
      .int()
      .min(0)
      .max(1_000_000_000)
      .nullable()
      .optional()
      .openapi({ description: "Resellers only" }),
  })
  .strict()
  .openapi("UpdatePartnerRequest");
export type UpdatePartnerRequest = z.infer<typeof UpdatePartnerRequest>;
