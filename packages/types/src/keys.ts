import { z } from "@hono/zod-openapi";
import { OriginPattern, Timestamp, text } from "./common";

export const ApiKey = z
  .object({
    id: z.string().openapi({ example: "key_01JDXAMPLE" }),
    kind: z.enum(["publishable", "secret"]),
    mode: z.enum(["live", "test"]),
    name: z.string(),
    displayPrefix: z.string().openapi({ example: "pk_live_7Hq2…k9Qz" }),
    allowedOrigins: z.array(z.string()),
    createdAt: Timestamp,
    revokedAt: Timestamp.nullable(),
    lastUsedAt: Timestamp.nullable(),
  })
  .openapi("ApiKey");
export type ApiKey = z.infer<typeof ApiKey>;

export const CreateKeyRequest = z
  .object({
    kind: z.enum(["publishable", "secret"]),
    mode: z.enum(["live", "test"]).default("live"),
    name: text(120).trim().default(""),
    allowedOrigins: z.array(OriginPattern).max(50).default([]),
  })
  .strict()
  .refine((k) => k.kind === "publishable" || k.allowedOrigins.length === 0, {
    message: "only publishable keys have allowed origins",
    path: ["allowedOrigins"],
  })
  .openapi("CreateKeyRequest");
export type CreateKeyRequest = z.infer<typeof CreateKeyRequest>;

/** The only time the whole key is ever shown. */
export const CreatedKey = ApiKey.extend({
  key: z.string().openapi({ example: "sk_live_…" }),
}).openapi("CreatedKey");
