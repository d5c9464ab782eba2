import { fileURLToPath } from "node:url";
import { z } from "zod";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

const optionalSecret = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const EnvSchema = z
  .object({
    PARLEY_MODE: z.enum(["demo", "production"]).default("demo"),
    PORT: z.coerce.number().int().min(1).max(65535).default(8787),
    HOST: z.string().default("127.0.0.1"),
    PUBLIC_URL: z.string().url().optional(),
    DATABASE_URL: optionalSecret,
    PARLEY_DATA_DIR: z.string().default(`${repoRoot}.data`),
    PARLEY_SECRET: optionalSecret.pipe(
      z.string().min(32, "must be at least 32 characters").optional(),
    ),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(64 * 1024),
    SIGNING_KEYS_FILE: optionalSecret,
    /** The ElevenLabs agent used (with persona overrides) for agents not yet provisioned. */
    ELEVENLABS_AGENT_ID: optionalSecret,
    /** Dashboard sign-in: ends after this long without a request (idle expiry). */
    DASHBOARD_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .default(12 * 60),
    /** Dashboard sign-in: ends this long after the password was entered, however busy. */
    DASHBOARD_SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .default(7 * 24),
    /** Password attempts (sign-in, sign-up, accepting an invitation) per client IP per 15 min. */
    LOGIN_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
    /** `smtp(s)://user:pass@host:port`: invitations are emailed through the outbox. */
    SMTP_URL: optionalSecret.pipe(
      z
        .string()
        .url()
        .refine((v) => /^smtps?:\/\//.test(v), "must be an smtp:// or smtps:// URL")
        .optional(),
    ),
    /** The From of outgoing email. Default: `Parley <no-reply@…>` at PUBLIC_URL's host. */
    SMTP_FROM: optionalSecret,
    /** Sessions one publishable key may start per minute from one client IP. */
    SESSION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    REDIS_URL: optionalSecret,
    /** Behind a proxy/load balancer: take the client IP from X-Forwarded-For. */
    TRUST_PROXY: z
      .enum(["true", "false", "1", "0"])
      .default("false")
      .transform((v) => v === "true" || v === "1"),
    ELEVENLABS_API_KEY: optionalSecret,
    ELEVENLABS_WEBHOOK_SECRET: optionalSecret,
    OPENAI_API_KEY: optionalSecret,
    STRIPE_SECRET_KEY: optionalSecret,
    STRIPE_WEBHOOK_SECRET: optionalSecret,
  })
  .transform((e) => ({
    ...e,
    PUBLIC_URL: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    SIGNING_KEYS_FILE: e.SIGNING_KEYS_FILE ?? `${e.PARLEY_DATA_DIR}/signing-keys.json`,
  }))
  .transform((e) => ({
    ...e,
    SMTP_FROM: e.SMTP_FROM ?? `Parley <no-reply@${new URL(e.PUBLIC_URL).hostname}>`,
  }));

export type Env = z.infer<typeof EnvSchema>;

/** Production refuses to start without what it needs; demo mode has safe local defaults. */
const requiredInProduction = ["DATABASE_URL", "PUBLIC_URL", "PARLEY_SECRET"] as const;

/**
 * Parses the environment once at start. A bad or missing variable throws an error whose
 * message names it, and main prints that sentence and exits.
 */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment: ${lines.join("; ")}`);
  }
  const env = result.data;
  if (env.PARLEY_MODE === "production") {
    const missing = requiredInProduction.filter((name) => !source[name]);
    if (missing.length > 0) {
      throw new Error(
        `PARLEY_MODE=production needs ${missing.join(", ")} (see .env.example); refusing to start.`,
      );
    }
  }
  return env;
}
