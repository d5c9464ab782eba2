import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { handleElevenLabsWebhook } from "../../domain/elevenlabs-webhook";
import { ApiError } from "../../errors";
import { jsonContent, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const Received = z
  .object({ received: z.literal(true), outcome: z.enum(["applied", "duplicate", "ignored"]) })
  .openapi("WebhookReceived");

const route = createRoute({
  method: "post",
  path: "/v1/webhooks/elevenlabs",
  tags: ["webhooks"],
  summary:
    "ElevenLabs post-call webhook (HMAC-signed raw body, authoritative duration + transcript)",
  responses: {
    200: jsonContent(Received, "Accepted (applied once; replays are acknowledged)"),
    ...problems("unauthorized", "validation_failed"),
  },
});

export function registerElevenLabsWebhook(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const services = c.var.services;
    const secret = services.webhookSecrets.elevenlabs;
    if (!secret) throw new ApiError("unauthorized", "ElevenLabs webhooks are not configured.");
    const outcome = await handleElevenLabsWebhook(
      services,
      await c.req.text(),
      c.req.header("elevenlabs-signature"),
      secret,
    );
    return c.json({ received: true as const, outcome }, 200);
  });
}
