import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { CreateSessionRequest, CreateSessionResponse } from "@parley/types";
import { issueSession } from "../../domain/widget-sessions";
import { jsonBody, jsonContent, problems } from "../../http/openapi";
import { bearer, clientIp } from "../../http/widget-cors";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "post",
  path: "/v1/widget/sessions",
  tags: ["widget"],
  summary: "Start a conversation: resolve persona, provider, entitlements and quota; sign a token",
  description:
    "Authorization: Bearer pk_live_… (publishable key) and the page's Origin. The token must be redeemed at /connect within 120 s, once.",
  security: [{ publishableKey: [] }],
  request: { body: jsonBody(CreateSessionRequest) },
  responses: {
    201: jsonContent(CreateSessionResponse, "A signed, single-use session token"),
    ...problems(
      "validation_failed",
      "invalid_key",
      "upgrade_required",
      "origin_not_allowed",
      "agent_not_found",
      "agent_offline",
      "quota_exceeded",
      "too_many_sessions",
      "rate_limited",
      "provider_unavailable",
    ),
  },
});

export function registerCreateSession(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const origin = c.req.header("origin");
    const session = await issueSession(c.var.services, {
      publishableKey: bearer(c),
      origin,
      clientIp: clientIp(c),
      agentId: body.agent,
      metadata: body.metadata,
    });
    if (origin) c.set("corsOrigin", origin.toLowerCase().replace(/\/$/, ""));
    return c.json(session, 201);
  });
}
