import type { SessionSigner } from "./auth/token-signer";
import type { Database } from "./db/client";
import type { IdGenerator } from "./db/ids";
import type { KeyedQueue } from "./domain/provisioning-queue";
import type { RateLimiter } from "./domain/rate-limit";
import type { ResolutionCache } from "./domain/resolution-cache";
import type { SessionContext } from "./domain/session-context";
import type { EmailOutbox } from "./email/outbox";
import type { Env } from "./env";
import type { Logger } from "./logger";
import type { ElevenLabsClient } from "./providers/elevenlabs";
import type { Simulator } from "./providers/simulator";
import type { VoiceProviderClient } from "./providers/types";

export type Clock = () => Date;

/** Everything a handler may use, injected once so tests can swap any of it. */
export interface Services {
  database: Database;
  env: Env;
  log: Logger;
  now: Clock;
  newId: IdGenerator;
  signer: SessionSigner;
  providers: { elevenlabs: ElevenLabsClient; openai: VoiceProviderClient };
  /** Session creation per publishable key + client IP. */
  sessionLimiter: RateLimiter;
  /** Dashboard password attempts per client IP (auth/login-throttle.ts). */
  loginLimiter: RateLimiter;
  resolutionCache: ResolutionCache<SessionContext>;
  webhookSecrets: { elevenlabs: string | undefined };
  /** The built-in provider stand-in, when a provider key is missing. */
  simulator: Simulator | null;
  /** Outgoing email (invitations) when `SMTP_URL` is set; null without a mail server. */
  email: EmailOutbox | null;
  /** Provider-side agent work behind the API (design §8); `idle()` lets tests wait for it. */
  provisioning: KeyedQueue;
}

/** Who is calling the partner API. */
export interface PartnerAuth {
  partnerId: string;
  /** `key_…` for a secret key, `usr_…` for a dashboard user. */
  actor: string;
  role: "owner" | "admin" | "member" | "viewer";
}

export interface AppEnv {
  Variables: {
    services: Services;
    requestId: string;
    auth: PartnerAuth;
    /** Set by widget handlers once the request's Origin is verified (CORS). */
    corsOrigin: string;
  };
}
