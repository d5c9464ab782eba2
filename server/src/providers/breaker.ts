/**
 * A circuit breaker per provider. After `failureThreshold` consecutive failures it opens:
 * calls fail fast and the provider counts as down (design §4 rule 6 falls back to the
 * standard voices). After `openMs` one trial call is let through (half-open); its success
 * closes the breaker, its failure opens it again.
 */
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
}): Breaker {
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
        failures = trial ? threshold : failures + 1;
        if (failures >= threshold) openedAt = now().getTime();
        throw error;
      } finally {
        if (trial) trialInFlight = false;
      }
    },
  };
}
