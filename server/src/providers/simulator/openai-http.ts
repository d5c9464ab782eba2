import { Hono } from "hono";
import { z } from "zod";
import { nowSeconds, type SimulatorContext } from "./context";
import { applySession, defaultSessionConfig, SessionInput, sessionJson } from "./openai-session";
import { randomId } from "./signing";

const DEFAULT_TTL_SECONDS = 600;
const CreateClientSecret = z.object({
  expires_after: z
    .object({
      anchor: z.literal("created_at").optional(),
      seconds: z.number().int().min(10).max(7200).optional(),
    })
    .optional(),
  session: SessionInput.optional(),
});

function openAiError(message: string, type: string, param: string | null = null) {
  return { error: { message, type, param, code: null } };
}

/** OpenAI's REST endpoint for Realtime ephemeral keys, under `/openai`. */
export function openAiHttp(ctx: SimulatorContext): Hono {
  const app = new Hono();

  app.use("/v1/*", async (c, next) => {
    const auth = c.req.header("authorization") ?? "";
    if (!/^Bearer \S+/.test(auth)) {
      return c.json(openAiError("You didn't provide an API key.", "invalid_request_error"), 401);
    }
    await next();
  });

  app.post("/v1/realtime/client_secrets", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json(openAiError("The body is not valid JSON.", "invalid_request_error"), 400);
    }
    const parsed = CreateClientSecret.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return c.json(
        openAiError(
          issue?.message ?? "Invalid request.",
          "invalid_request_error",
          issue ? issue.path.join(".") : null,
        ),
        400,
      );
    }
    for (const [key, stale] of ctx.clientSecrets) {
      if (stale.expiresAt <= nowSeconds(ctx)) ctx.clientSecrets.delete(key);
    }
    const session = applySession(defaultSessionConfig(), parsed.data.session ?? {});
    const expiresAt = nowSeconds(ctx) + (parsed.data.expires_after?.seconds ?? DEFAULT_TTL_SECONDS);
    const value = randomId("ek_", 16);
    ctx.clientSecrets.set(value, { value, expiresAt, session });
    return c.json(
      {
        value,
        expires_at: expiresAt,
        session: sessionJson(randomId("sess_", 12), session, expiresAt),
      },
      200,
    );
  });

  return app;
}
