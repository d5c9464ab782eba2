import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { jsonContent } from "../../http/openapi";
import type { AppEnv } from "../../services";

const Jwks = z
  .object({
    keys: z.array(
      z.object({
        kty: z.string(),
        crv: z.string(),
        x: z.string(),
        kid: z.string(),
        alg: z.literal("EdDSA"),
        use: z.literal("sig"),
      }),
    ),
  })
  .openapi("Jwks");

const route = createRoute({
  method: "get",
  path: "/.well-known/jwks.json",
  tags: ["ops"],
  summary: "Public keys that verify session tokens (current and previous)",
  responses: { 200: jsonContent(Jwks, "JSON Web Key Set") },
});

export function registerJwks(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => {
    c.header("cache-control", "public, max-age=300");
    return c.json(Jwks.parse(c.var.services.signer.jwks()), 200);
  });
}
