import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { memoryRateLimiter, type RateLimiter, redisRateLimiter } from "./rate-limit";

async function hits(limiter: RateLimiter, key: string, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await limiter.hit(key));
  return out;
}

describe("memory rate limiter", () => {
  it("allows the limit per window per key, then says when to retry", async () => {
    let t = new Date("2026-11-23T10:00:05Z");
    const limiter = memoryRateLimiter({ limit: 3, windowSeconds: 60 }, () => t);
    const results = await hits(limiter, "k1|1.2.3.4", 4);
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]?.retryAfterSeconds).toBe(55);
    expect((await limiter.hit("k1|5.6.7.8")).allowed).toBe(true);
    t = new Date("2026-11-23T10:01:00Z");
    expect((await limiter.hit("k1|1.2.3.4")).allowed).toBe(true);
  });
});

describe.runIf(process.env.REDIS_URL)("redis rate limiter", () => {
  it("shares one window between two clients (two instances)", async () => {
    const url = process.env.REDIS_URL ?? "";
    const a = redisRateLimiter({ limit: 4, windowSeconds: 30 }, new Redis(url));
    const b = redisRateLimiter({ limit: 4, windowSeconds: 30 }, new Redis(url));
    const key = `test:${Date.now()}:${Math.random()}`;
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).hit(key)),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(4);
      const refused = results.find((r) => !r.allowed);
      expect(refused?.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(30);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
