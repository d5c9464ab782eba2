/**
 * A circuit breaker per provider. After `failureThreshold` consecutive failures it opens:
 * calls fail fast and the provider counts as down (design §4 rule 6 falls back to the
 * standard voices). After `openMs` one trial call is let through (half-open); its success
 * closes the breaker, its failure opens it again. Only failures that say the provider is
 * unwell count: a 404 for one agent id or a 422 for one request is the caller's problem, and
 * says nothing about the next conversation (see `isOutage`).
 */
import { ProviderError } from "./http";

export type BreakerState = "closed" | "open" | "half_open";

export class CircuitOpenError extends Error {
  constructor(readonly provider: string) {
    super(`${provider} is unavailable (circuit open)`);
    this.name = "CircuitOpenError";
  }
}

export interface Breaker {
  readonly state: BreakerState;
  /** True when calls may go through (closed, or half-open with no trial under way). */
  healthy(): boolean;
  run<T>(call: () => Promise<T>): Promise<T>;
}

export function createBreaker(options: {
  name: string;
  failureThreshold?: number;
  openMs?: number;
  now?: () => Date;
  /** Which errors count towards opening; by default `isOutage`. */
  counts?: (error: unknown) => boolean;
}): Breaker {
  const counts = options.counts ?? isOutage;
  const threshold = options.failureThreshold ?? 5;
  const openMs = options.openMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  let failures = 0;
  let openedAt = 0;
  let trialInFlight = false;

  const state = (): BreakerState => {
    if (failures < threshold) return "closed";
    return now().getTime() - openedAt >= openMs ? "half_open" : "open";
  };

  return {
    get state() {
      return state();
    },
    healthy() {
      const s = state();
      return s === "closed" || (s === "half_open" && !trialInFlight);
    },
    async run(call) {
      const s = state();
      if (s === "open" || (s === "half_open" && trialInFlight))
        throw new CircuitOpenError(options.name);
      const trial = s === "half_open";
      if (trial) trialInFlight = true;
      try {
        const result = await call();
        failures = 0;
        return result;
      } catch (error) {
        if (!counts(error)) {
          // The provider answered sensibly; a trial call that got an answer closes the breaker.
          if (trial) failures = 0;
          throw error;
        }
        failures = trial ? threshold : failures + 1;
        if (failures >= threshold) openedAt = now().getTime();
        throw error;
      } finally {
        if (trial) trialInFlight = false;
      }
    },
  };
}

/**
 * An error that says the provider cannot serve anyone right now: no answer (timeout,
 * network), a 5xx, rate limiting (429, 408), or a rejected key (401, 403). Anything that is
 * not a ProviderError (a bug, a malformed answer) counts too.
 */
export function isOutage(error: unknown): boolean {
  if (!(error instanceof ProviderError)) return true;
  return error.retryable || error.status === 401 || error.status === 403;
}
