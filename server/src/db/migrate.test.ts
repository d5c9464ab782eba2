import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { seedReference } from "./seed/reference";

async function tables(database: Awaited<ReturnType<typeof openDatabase>>) {
  const rows = await database.rows<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
  );
  return rows.map((r) => r.name);
}

async function migrationCount(database: Awaited<ReturnType<typeof openDatabase>>) {
  const [row] = await database.rows<{ n: number }>(
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return row?.n;
}

describe("migrations", () => {
  it("apply on an empty PGlite, then again as a no-op, and seed reference data idempotently", async () => {
    const database = await openDatabase({ memory: true });
    try {
      expect(await tables(database)).toEqual([]);
      await database.migrate();
      const first = await tables(database);
      expect(first).toEqual(
        expect.arrayContaining(["partners", "agents", "voice_sessions", "usage_daily"]),
      );
      const applied = await migrationCount(database);
      await database.migrate();
      expect(await tables(database)).toEqual(first);
      expect(await migrationCount(database)).toBe(applied);

      await seedReference(database);
      await seedReference(database);
      const [counts] = await database.rows<{ plans: number; templates: number }>(
        sql`select (select count(*)::int from plans) as plans,
                   (select count(*)::int from personas where partner_id is null) as templates`,
      );
      expect(counts).toEqual({ plans: 4, templates: 7 });
    } finally {
      await database.close();
    }
  });

  it.runIf(process.env.DATABASE_URL)(
    "apply on an empty Postgres database, then again as a no-op",
    async () => {
      const admin = await openDatabase({ url: process.env.DATABASE_URL ?? "", maxConnections: 1 });
      const name = `parley_migrate_${Date.now()}_${process.pid}`;
      await admin.rows(sql.raw(`create database ${name}`));
      const url = new URL(process.env.DATABASE_URL ?? "");
      url.pathname = `/${name}`;
      const database = await openDatabase({ url: url.toString(), maxConnections: 1 });
      try {
        expect(await tables(database)).toEqual([]);
        await database.migrate();
        const first = await tables(database);
        expect(first).toContain("quota_counters");
        const applied = await migrationCount(database);
        await database.migrate();
        expect(await migrationCount(database)).toBe(applied);
      } finally {
        await database.close();
        await admin.rows(sql.raw(`drop database ${name} with (force)`));
        await admin.close();
      }
    },
  );
});
