import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/harness";
import { createResolutionCache } from "./resolution-cache";

async function eventually(check: () => boolean, withinMs: number) {
  const deadline = Date.now() + withinMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

describe("resolution cache", () => {
  it("expires entries after the TTL by the injected clock", async () => {
    const database = await openTestDatabase();
    let t = 1_000;
    const cache = createResolutionCache<string>({ database, ttlMs: 5000, now: () => new Date(t) });
    cache.set("k", "ptn_a", "v");
    expect(cache.get("k")).toBe("v");
    t += 5000;
    expect(cache.get("k")).toBeUndefined();
    await database.close();
  });

  it("drops a partner's entries on another instance within one second of a write", async () => {
    const one = await openTestDatabase();
    // A second instance: its own connection pool on Postgres; the same PGlite in-process.
    const two = process.env.DATABASE_URL ? await openTestDatabase() : one;
    const now = () => new Date();
    const a = createResolutionCache<string>({ database: one, ttlMs: 60_000, now });
    const b = createResolutionCache<string>({ database: two, ttlMs: 60_000, now });
    await a.start();
    await b.start();
    try {
      b.set("key1|agt_1", "ptn_a", "resolved");
      b.set("key2|agt_2", "ptn_b", "other partner");
      await a.invalidatePartner("ptn_a");
      expect(await eventually(() => b.get("key1|agt_1") === undefined, 1000)).toBe(true);
      expect(b.get("key2|agt_2")).toBe("other partner");
    } finally {
      await a.close();
      await b.close();
      await one.close();
      if (two !== one) await two.close();
    }
  });

  it("evicts the oldest entry past its size bound", async () => {
    const database = await openTestDatabase();
    const cache = createResolutionCache<number>({
      database,
      ttlMs: 60_000,
      now: () => new Date(),
      maxEntries: 2,
    });
    cache.set("a", "p", 1);
    cache.set("b", "p", 2);
    cache.set("c", "p", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c"), cache.size]).toEqual([
      undefined,
      2,
      3,
      2,
    ]);
    await database.close();
  });
});
