import { z } from "@hono/zod-openapi";
import { name, Timestamp } from "./common";

const Color = z
  .string()
  .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, "must be a colour like #1a2b3c or #abc")
  .openapi({ example: "#4f46e5" });

/** Only what a font-family list needs, so the value can never close the CSS declaration. */
const FontFamily = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200)
  .regex(
    /^[A-Za-z0-9 ,'"-]+$/,
    "must be a font-family list: letters, digits, spaces, commas, quotes and hyphens",
  )
  .openapi({ example: '"Inter", system-ui, sans-serif' });

const Radius = z
  .string()
  .regex(/^([0-9]|[12][0-9]|3[0-2])px$/, "must be between 0px and 32px, like 12px")
  .openapi({ example: "12px" });

/** An https URL with a plain host; no quotes, brackets or spaces that could break out of CSS. */
const HttpsUrl = z
  .string()
  .max(2048)
  .regex(
    /^https:\/\/[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?(:\d{1,5})?([/?#][^\s"'()<>\\]*)?$/,
    "must be an https URL",
  )
  .openapi({ example: "https://cdn.shop.example/logo.svg" });

const Hostname = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    "must be a lower-case host name like voice.reseller.example",
  )
  .openapi({ example: "voice.reseller.example" });

/** `GET /v1/brand`: the partner's own brand; unset fields are null (inherited or default). */
export const Brand = z
  .object({
    name: z.string().nullable(),
    logoUrl: z.string().nullable(),
    primaryColor: z.string().nullable(),
    onPrimaryColor: z.string().nullable(),
    surfaceColor: z.string().nullable(),
    textColor: z.string().nullable(),
    fontFamily: z.string().nullable(),
    radius: z.string().nullable(),
    hidePoweredBy: z.boolean(),
    customDomain: z.string().nullable(),
    allowSubaccountOverrides: z.boolean(),
    updatedAt: Timestamp.nullable().openapi({ description: "null until the brand is first set" }),
  })
  .openapi("Brand");
export type Brand = z.infer<typeof Brand>;

/**
 * `PUT /v1/brand` replaces the whole brand: a field left out goes back to unset. `hidePoweredBy`
 * needs the `remove_branding` entitlement (resellers always may); `customDomain` and
 * `allowSubaccountOverrides: false` are for resellers only.
 */
export const PutBrandRequest = z
  .object({
    name: name().nullable().default(null),
    logoUrl: HttpsUrl.nullable().default(null),
    primaryColor: Color.nullable().default(null),
    onPrimaryColor: Color.nullable().default(null),
    surfaceColor: Color.nullable().default(null),
    textColor: Color.nullable().default(null),
    fontFamily: FontFamily.nullable().default(null),
    radius: Radius.nullable().default(null),
    hidePoweredBy: z.boolean().default(false),
    customDomain: Hostname.nullable().default(null),
    allowSubaccountOverrides: z.boolean().default(true),
  })
  .strict()
  .openapi("PutBrandRequest");
export type PutBrandRequest = z.infer<typeof PutBrandRequest>;
