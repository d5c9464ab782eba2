/**
 * One database handle for the whole server, on either driver: the embedded PGlite (files
 * under `.data/`, or in memory for tests) or real Postgres through postgres.js when
 * `DATABASE_URL` is set. Nothing above this file knows which one it is on: `rows()` hides
 * the different `execute()` result shapes, bigint columns are read as numbers by the schema
 * (`mode: "number"`), and raw SQL casts its aggregates to `int`/`float8` and binds
 * timestamps as ISO text with `::timestamptz` (the drivers serialise a JS Date differently).
 */
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs raw SQL and returns its rows, whatever the driver. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** Postgres LISTEN: `fn` gets each NOTIFY payload on `channel`. Returns the unlisten. */
  listen(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

export type DatabaseConfig =
  | { url: string; maxConnections?: number }
  | { dataDir: string }
  | { memory: true };

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return "url" in config ? openPostgres(config.url, config.maxConnections) : openPglite(config);
}

function rowsOf<T>(result: unknown): T[] {
  // postgres.js returns an array-like RowList; PGlite returns { rows }.
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

async function openPglite(config: { dataDir: string } | { memory: true }): Promise<Database> {
  const client = "dataDir" in config ? new PGlite(config.dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite({ client, schema });
  return {
    db,
    kind: "pglite",
    rows: async (query) => rowsOf(await db.execute(query)),
    listen: async (channel, fn) => {
      const unlisten = await client.listen(channel, fn);
      return async () => unlisten();
    },
    notify: async (channel, payload) => {
      await client.query("select pg_notify($1, $2)", [channel, payload]);
    },
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, maxConnections = 10): Promise<Database> {
  const client = postgres(url, {
    max: maxConnections,
    onnotice: () => {},
    // Dates come back as Date, bigint as string: the schema maps bigint to number.
  });
  const db = drizzlePostgres({ client, schema });
  return {
    db,
    kind: "postgres",
    rows: async (query) => rowsOf(await db.execute(query)),
    listen: async (channel, fn) => {
      const sub = await client.listen(channel, fn);
      return () => sub.unlisten();
    },
    notify: async (channel, payload) => {
      await client.notify(channel, payload);
    },
    migrate: () => migratePostgres(db, { migrationsFolder }),
    close: () => client.end({ timeout: 5 }),
  };
}
