import { z } from "@hono/zod-openapi";

export const VoiceProvider = z.enum(["elevenlabs", "openai"]).openapi("VoiceProvider");
export type VoiceProvider = z.infer<typeof VoiceProvider>;

/** The standard voices OpenAI Realtime offers (design §8). */
export const standardVoices = [
  "alloy",
  "echo",
  "fable",
  "onyx",
  "nova",
  "shimmer",
  "sage",
] as const;
export const StandardVoice = z.enum(standardVoices).openapi("StandardVoice");

export const Timestamp = z.string().datetime().openapi({ example: "2026-11-23T10:00:00.000Z" });

/** Free text a person typed: trimmed, no control characters but newlines and tabs. */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), {
      message: "must not contain control characters",
    });
export const name = () => text(120).trim().min(1, "must not be empty");

/**
 * An origin a widget may be embedded on: `https://shop.example`, `https://*.example.com`
 * (any subdomain) or `http://localhost:3000`. No path, query or trailing slash.
 */
export const OriginPattern = z
  .string()
  .max(253)
  .regex(
    /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/,
    "must be an origin like https://shop.example or https://*.example.com, lower case, no path",
  )
  .refine((o) => !/^https?:\/\/\*\.[^.]+(:\d+)?$/.test(o), {
    message: "a wildcard needs a domain with at least two labels, like https://*.example.com",
  })
  .openapi({ example: "https://shop.example" });

export const Cursor = z
  .string()
  .max(200)
  .optional()
  .openapi({ param: { name: "cursor", in: "query" }, description: "From `nextCursor`." });
export const Limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(20)
  .openapi({ param: { name: "limit", in: "query" }, example: 20 });

export const ListQuery = z.object({ cursor: Cursor, limit: Limit });

export const page = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

export const IdParam = (prefix: string) =>
  z.object({
    id: z
      .string()
      .max(64)
      .openapi({ param: { name: "id", in: "path" }, example: `${prefix}_01JDXAMPLE` }),
  });

export const Deleted = z.object({ id: z.string(), deleted: z.literal(true) }).openapi("Deleted");
