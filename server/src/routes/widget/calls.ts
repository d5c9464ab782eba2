import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import {
  ConnectResponse,
  EndSessionRequest,
  HeartbeatResponse,
  SessionStatus,
} from "@parley/types";
import { connectSession, endSession, heartbeat } from "../../domain/widget-calls";
import { jsonBody, jsonContent, problems } from "../../http/openapi";
import { bearer } from "../../http/widget-cors";
import type { AppEnv } from "../../services";

const params = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "ses_01JDXAMPLE" }),
});
const tokenProblems = ["token_invalid", "token_expired", "validation_failed"] as const;
const security = [{ sessionToken: [] }];

const connect = createRoute({
  method: "post",
  path: "/v1/widget/sessions/{id}/connect",
  tags: ["widget"],
  summary: "Redeem the session token (once) for the voice provider's connection details",
  security,
  request: { params },
  responses: {
    200: jsonContent(ConnectResponse, "Where and how the browser connects"),
    ...problems(...tokenProblems, "token_used", "agent_not_found", "provider_unavailable"),
  },
});

const beat = createRoute({
  method: "post",
  path: "/v1/widget/sessions/{id}/heartbeat",
  tags: ["widget"],
  summary: "Every 15 s during a call: may the call continue?",
  security,
  request: { params },
  responses: {
    200: jsonContent(HeartbeatResponse, "Continue, or stop and why"),
    ...problems(...tokenProblems, "conflict"),
  },
});

const EndSessionResponse = z
  .object({ id: z.string(), status: SessionStatus, durationSeconds: z.number().int() })
  .openapi("EndSessionResponse");

const end = createRoute({
  method: "post",
  path: "/v1/widget/sessions/{id}/end",
  tags: ["widget"],
  summary:
    "The call ended: record a provisional duration (the provider's webhook is authoritative)",
  security,
  request: { params, body: jsonBody(EndSessionRequest) },
  responses: {
    200: jsonContent(EndSessionResponse, "The session as ended"),
    ...problems(...tokenProblems),
  },
});

/** The token's `org` was checked against the Origin by the verifier: CORS may allow it. */
const verifiedOrigin = (origin: string | undefined) =>
  origin?.toLowerCase().replace(/\/$/, "") ?? "";

export function registerSessionCalls(app: OpenAPIHono<AppEnv>) {
  app.openapi(connect, async (c) => {
    const origin = c.req.header("origin");
    const result = await connectSession(c.var.services, c.req.valid("param").id, bearer(c), origin);
    c.set("corsOrigin", verifiedOrigin(origin));
    return c.json(result, 200);
  });
  app.openapi(beat, async (c) => {
    const origin = c.req.header("origin");
    const result = await heartbeat(c.var.services, c.req.valid("param").id, bearer(c), origin);
    c.set("corsOrigin", verifiedOrigin(origin));
    return c.json(result, 200);
  });
  app.openapi(end, async (c) => {
    const origin = c.req.header("origin");
    const result = await endSession(
      c.var.services,
      c.req.valid("param").id,
      bearer(c),
      origin,
      c.req.valid("json"),
    );
    c.set("corsOrigin", verifiedOrigin(origin));
    return c.json(result, 200);
  });
}
