/**
 * Fixed-window rate limits (session creation per publishable key + client IP). In memory by
 * default; in Redis when `REDIS_URL` is set, so every instance counts against one window.
 */
import type { Redis } from "ioredis";

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets (for `Retry-After`). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  hit(key: string): Promise<RateLimitResult>;
  close(): Promise<void>;
}

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export function memoryRateLimiter(
  rule: RateLimitRule,
  now: () => Date = () => new Date(),
): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const windowMs = rule.windowSeconds * 1000;
  return {
    async hit(key) {
      const t = now().getTime();
      const start = t - (t % windowMs);
      let w = windows.get(key);
      if (!w || w.start !== start) {
        // Drop old windows now and then so the map cannot grow without bound.
        if (windows.size > 50_000) {
          for (const [k, v] of windows) if (v.start !== start) windows.delete(k);
        }
        w = { start, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - t) / 1000));
      return { allowed: w.count <= rule.limit, retryAfterSeconds };
    },
    async close() {
      windows.clear();
    },
  };
}

export function redisRateLimiter(
  rule: RateLimitRule,
  redis: Redis,
  prefix = "parley:rl:",
): RateLimiter {
  return {
    async hit(key) {
      const k = prefix + key;
      // INCR then set the expiry only on the window's first hit: one round trip.
      const result = await redis.multi().incr(k).expire(k, rule.windowSeconds, "NX").ttl(k).exec();
      const count = Number(result?.[0]?.[1] ?? 0);
      const ttl = Number(result?.[2]?.[1] ?? rule.windowSeconds);
      return { allowed: count <= rule.limit, retryAfterSeconds: Math.max(1, ttl) };
    },
    async close() {
      redis.disconnect();
    },
  };
}
