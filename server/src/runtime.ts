/**
 * Builds the services that need more than configuration: the token signer, the voice
 * providers (real when their keys are set, else the built-in simulator, reached in-process),
 * the session and sign-in rate limiters (memory or Redis), the resolution cache and, with
 * `SMTP_URL`, the email outbox. main.ts and the test harness both use it, so tests run the
 * same wiring as production.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { type KeyRing, loadOrCreateKeyRing } from "./auth/key-ring";
import { loginRateLimit } from "./auth/login-throttle";
import { createSessionSigner } from "./auth/token-signer";
import type { Database } from "./db/client";
import { idGenerator } from "./db/ids";
import { createKeyedQueue } from "./domain/provisioning-queue";
import { startProvisioningRetry } from "./domain/provisioning-retry";
import { memoryRateLimiter, type RateLimitRule, redisRateLimiter } from "./domain/rate-limit";
import { createResolutionCache } from "./domain/resolution-cache";
import type { SessionContext } from "./domain/session-context";
import { createSmtpMailer } from "./email/mailer";
import { createEmailOutbox } from "./email/outbox";
import type { Env } from "./env";
import type { Logger } from "./logger";
import { createElevenLabs } from "./providers/elevenlabs";
import { createOpenAI } from "./providers/openai";
import { createSimulator, type SimulatorOptions } from "./providers/simulator";
import type { Services } from "./services";

/** Session creation per publishable key + client IP. */
export const sessionRateLimit: RateLimitRule = { limit: 30, windowSeconds: 60 };

interface InProcessApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

export interface Runtime {
  services: Services;
  /** Lets in-process calls (simulator webhooks) reach the app once it exists. */
  attach(app: InProcessApp): void;
  /** Starts the job that retries failed agent provisioning (stopped by `close`). */
  startProvisioningRetry(services?: Services): void;
  close(): Promise<void>;
}

export async function createRuntime(input: {
  env: Env;
  database: Database;
  log: Logger;
  now?: () => Date;
  ring?: KeyRing;
  rateLimit?: RateLimitRule;
  simulatorTiming?: SimulatorOptions["timing"];
}): Promise<Runtime> {
  const { env, database, log } = input;
  const now = input.now ?? (() => new Date());
  const publicUrl = env.PUBLIC_URL;
  let app: InProcessApp | undefined;

  // Calls to our own public URL stay in process: no network, and it works in tests too.
  const localFetch: typeof fetch = async (url, init) => {
    const href = String(url instanceof Request ? url.url : url);
    if (app && href.startsWith(publicUrl))
      return app.request(href.slice(publicUrl.length) || "/", init);
    return fetch(url, init);
  };

  const simulated = !env.ELEVENLABS_API_KEY || !env.OPENAI_API_KEY;
  const webhookSecret =
    env.ELEVENLABS_WEBHOOK_SECRET ?? (simulated ? randomBytes(24).toString("hex") : undefined);
  const simulator = simulated
    ? createSimulator({
        publicUrl,
        signingSecret: randomBytes(32).toString("hex"),
        webhookUrl: `${publicUrl}/v1/webhooks/elevenlabs`,
        webhookSecret: webhookSecret ?? "",
        now,
        log,
        fetch: localFetch,
        timing: input.simulatorTiming,
      })
    : null;
  const simulatorFetch: typeof fetch = async (url, init) => {
    if (!simulator) throw new Error("simulator is off");
    const u = new URL(String(url instanceof Request ? url.url : url));
    return simulator.app.request(`${u.pathname.replace(/^\/simulator/, "")}${u.search}`, init);
  };

  const wsBase = publicUrl.replace(/^http/, "ws");
  const elevenlabs = env.ELEVENLABS_API_KEY
    ? createElevenLabs({
        baseUrl: "https://api.elevenlabs.io",
        apiKey: env.ELEVENLABS_API_KEY,
        defaultAgentId: env.ELEVENLABS_AGENT_ID ?? "",
        now,
      })
    : createElevenLabs({
        baseUrl: `${publicUrl}/simulator/elevenlabs`,
        apiKey: "simulator",
        defaultAgentId: "parley-default",
        fetch: simulatorFetch,
        now,
      });
  const openai = env.OPENAI_API_KEY
    ? createOpenAI({
        baseUrl: "https://api.openai.com",
        realtimeUrl: "wss://api.openai.com/v1/realtime",
        apiKey: env.OPENAI_API_KEY,
        now,
      })
    : createOpenAI({
        baseUrl: `${publicUrl}/simulator/openai`,
        realtimeUrl: `${wsBase}/simulator/openai/v1/realtime`,
        apiKey: "simulator",
        fetch: simulatorFetch,
        now,
      });

  const rule = input.rateLimit ?? { ...sessionRateLimit, limit: env.SESSION_RATE_LIMIT_PER_MINUTE };
  const sessionLimiter = env.REDIS_URL
    ? redisRateLimiter(
        rule,
        new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: false }),
      )
    : memoryRateLimiter(rule, now);

  const loginRule = loginRateLimit(env);
  const loginLimiter = env.REDIS_URL
    ? redisRateLimiter(
        loginRule,
        new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: false }),
      )
    : memoryRateLimiter(loginRule, now);

  const email = env.SMTP_URL
    ? createEmailOutbox({ database, now, log }, createSmtpMailer(env.SMTP_URL, env.SMTP_FROM))
    : null;

  const resolutionCache = createResolutionCache<SessionContext>({
    database,
    ttlMs: 5000,
    now,
    log,
  });
  await resolutionCache.start();

  const ring = input.ring ?? (await loadOrCreateKeyRing(env.SIGNING_KEYS_FILE, env.PARLEY_SECRET));
  const signer = createSessionSigner({ ring, issuer: publicUrl, now });

  const provisioning = createKeyedQueue({
    onError: (_key, error) =>
      log.error("provisioning job failed", {
        error: error instanceof Error ? error.name : "unknown",
      }),
    onDrop: () => log.warn("provisioning queue full; the retry job will catch up"),
  });
  let stopRetry: (() => void) | undefined;

  const services: Services = {
    database,
    env,
    log,
    now,
    newId: idGenerator(now),
    signer,
    providers: { elevenlabs, openai },
    sessionLimiter,
    loginLimiter,
    email,
    resolutionCache,
    webhookSecrets: { elevenlabs: webhookSecret },
    simulator,
    provisioning,
  };
  return {
    services,
    attach(target) {
      app = target;
    },
    startProvisioningRetry(target = services) {
      stopRetry ??= startProvisioningRetry(target);
    },
    async close() {
      stopRetry?.();
      // Provisioning in flight still talks to the providers and the database.
      await provisioning.close();
      await simulator?.close();
      await resolutionCache.close();
      await sessionLimiter.close();
      await loginLimiter.close();
      await email?.close();
    },
  };
}
