import { z } from "@hono/zod-openapi";

export const UserIdParam = z.object({
  userId: z
    .string()
    .max(64)
    .openapi({ param: { name: "userId", in: "path" }, example: "usr_01JDXAMPLE" }),
});
