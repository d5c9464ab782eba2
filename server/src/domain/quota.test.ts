import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createHarness, createTestPartner, openTestDatabase } from "../../test/harness";
import { readQuota, releaseQuota, reserveQuota } from "./quota";

const h = await createHarness();
const now = new Date("2026-11-23T10:00:00Z");
const plan = { includedSeconds: 600, overageAllowed: false, maxConcurrentSessions: 3 };

describe("quota", () => {
  it("reserves the max duration, shrinks the last grant to what is left, then refuses", async () => {
    const p = await createTestPartner(h);
    const big = { ...plan, maxConcurrentSessions: 10 };
    expect((await reserveQuota(h.database, p.id, big, 250, now)).seconds).toBe(250);
    expect((await reserveQuota(h.database, p.id, big, 250, now)).seconds).toBe(250);
    expect((await reserveQuota(h.database, p.id, big, 250, now)).seconds).toBe(100);
    await expect(reserveQuota(h.database, p.id, big, 250, now)).rejects.toMatchObject({
      code: "quota_exceeded",
      status: 429,
    });
    expect(await readQuota(h.database, p.id, now)).toMatchObject({
      reservedSeconds: 600,
      liveSessions: 3,
    });
  });

  it("refuses past the concurrency cap with too_many_sessions, and a release frees a slot", async () => {
    const p = await createTestPartner(h);
    const big = { ...plan, includedSeconds: 100_000 };
    const held = [];
    for (let i = 0; i < 3; i++) held.push(await reserveQuota(h.database, p.id, big, 60, now));
    await expect(reserveQuota(h.database, p.id, big, 60, now)).rejects.toMatchObject({
      code: "too_many_sessions",
    });
    const first = held[0];
    if (!first) throw new Error("no reservation");
    await releaseQuota(h.database, p.id, first);
    expect((await reserveQuota(h.database, p.id, big, 60, now)).seconds).toBe(60);
  });

  it("lets plans with overage go past the included minutes", async () => {
    const p = await createTestPartner(h);
    const paid = { includedSeconds: 60, overageAllowed: true, maxConcurrentSessions: 10 };
    for (let i = 0; i < 4; i++)
      expect((await reserveQuota(h.database, p.id, paid, 60, now)).seconds).toBe(60);
  });

  it("keeps separate counters per billing period", async () => {
    const p = await createTestPartner(h);
    await reserveQuota(h.database, p.id, plan, 600, now);
    await expect(reserveQuota(h.database, p.id, plan, 600, now)).rejects.toMatchObject({
      code: "quota_exceeded",
    });
    const nextMonth = new Date("2026-12-01T00:00:00Z");
    expect((await reserveQuota(h.database, p.id, plan, 600, nextMonth)).seconds).toBe(600);
  });

  it("never over-issues under 200 concurrent reservations from two connections pools", async () => {
    const p = await createTestPartner(h);
    const other = process.env.DATABASE_URL ? await openTestDatabase() : h.database;
    try {
      const room = { includedSeconds: 50 * 60, overageAllowed: false, maxConcurrentSessions: 1000 };
      const attempts = Array.from({ length: 200 }, (_, i) =>
        reserveQuota(i % 2 ? other : h.database, p.id, room, 60, now).then(
          () => "ok",
          (e: { code: string }) => e.code,
        ),
      );
      const results = await Promise.all(attempts);
      expect(results.filter((r) => r === "ok")).toHaveLength(50);
      expect(results.filter((r) => r === "quota_exceeded")).toHaveLength(150);
      expect(await readQuota(h.database, p.id, now)).toMatchObject({
        reservedSeconds: 3000,
        liveSessions: 50,
      });
    } finally {
      if (other !== h.database) await other.close();
    }
  });

  it("runs the follow-up in the same statement: when it fails, nothing stays reserved", async () => {
    const p = await createTestPartner(h);
    const big = { ...plan, maxConcurrentSessions: 10 };
    // The first reservation creates the period's counter; the second is the one-statement path.
    await reserveQuota(h.database, p.id, big, 60, now);
    const failing = sql`select (granted / 0)::int as granted from reserved`;
    await expect(reserveQuota(h.database, p.id, big, 60, now, failing)).rejects.toThrow();
    expect(await readQuota(h.database, p.id, now)).toMatchObject({
      reservedSeconds: 60,
      liveSessions: 1,
    });
    const echoed = sql`select granted + 0 as granted from reserved`;
    expect((await reserveQuota(h.database, p.id, big, 60, now, echoed)).seconds).toBe(60);
    expect(await readQuota(h.database, p.id, now)).toMatchObject({ liveSessions: 2 });
  });
});
