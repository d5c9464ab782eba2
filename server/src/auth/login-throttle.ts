/**
 * The per-client-IP half of sign-in rate limiting (the per-account half is the lockout in
 * domain/accounts.ts). Every password attempt — sign-in, sign-up, accepting an invitation —
 * counts against the client's IP, `LOGIN_RATE_LIMIT_PER_IP` per 15-minute window, before any
 * password is hashed: one address can neither spray guesses across many accounts nor keep
 * the CPU busy with scrypt.
 */
import { createMiddleware } from "hono/factory";
import type { RateLimitRule } from "../domain/rate-limit";
import type { Env } from "../env";
import { ApiError } from "../errors";
import { clientIp } from "../http/widget-cors";
import type { AppEnv } from "../services";

export const LOGIN_WINDOW_SECONDS = 15 * 60;

export const loginRateLimit = (env: Pick<Env, "LOGIN_RATE_LIMIT_PER_IP">): RateLimitRule => ({
  limit: env.LOGIN_RATE_LIMIT_PER_IP,
  windowSeconds: LOGIN_WINDOW_SECONDS,
});

export const loginThrottle = createMiddleware<AppEnv>(async (c, next) => {
  const result = await c.var.services.loginLimiter.hit(`login|${clientIp(c)}`);
  if (!result.allowed) {
    const seconds = result.retryAfterSeconds;
    throw new ApiError(
      "rate_limited",
      "Too many sign-in attempts from this address; wait a while and try again.",
      { retryAfterSeconds: seconds },
      { "retry-after": String(seconds) },
    );
  }
  await next();
});
