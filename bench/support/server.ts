/**
 * What every benchmark starts from: a fresh database on the Postgres server named by
 * `BENCH_DATABASE_URL`, and the real Parley server in this process on it (demo mode, so the
 * seed gives a publishable key, a secret key and agents). `close()` stops the server and
 * drops the database.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { type Database, openDatabase } from "../../server/src/db/client";
import { parseEnv } from "../../server/src/env";
import { type Started, start } from "../../server/src/main";

export const benchDatabaseServer =
  process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface BenchServer {
  started: Started;
  /** `http://127.0.0.1:<port>`: also the demo key's allowed origin. */
  publicUrl: string;
  /** The fresh database, for extra connections of the benchmark's own. */
  databaseUrl: string;
  close(): Promise<void>;
}

export async function startBenchServer(options: {
  /** Part of the database's name: `parley_bench_<name>_<time>`. */
  name: string;
  /** More server environment (secrets, limits, log level). */
  env?: Record<string, string>;
  /** Runs on the empty database before the server starts (e.g. `alter database … set …`). */
  prepare?: (admin: Database, dbName: string) => Promise<void>;
}): Promise<BenchServer> {
  const admin = await openDatabase({ url: benchDatabaseServer, maxConnections: 1 });
  const dbName = `parley_bench_${options.name}_${Date.now()}`;
  await admin.rows(sql.raw(`create database ${dbName}`));
  const drop = async () => {
    await admin.rows(sql.raw(`drop database if exists ${dbName} with (force)`));
    await admin.close();
  };
  try {
    await options.prepare?.(admin, dbName);
    const url = new URL(benchDatabaseServer);
    url.pathname = `/${dbName}`;
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const publicUrl = `http://127.0.0.1:${port}`;
    const started = await start(
      parseEnv({
        PARLEY_MODE: "demo",
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: publicUrl,
        DATABASE_URL: url.toString(),
        PARLEY_DATA_DIR: mkdtempSync(join(tmpdir(), "parley-bench-")),
        LOG_LEVEL: "silent",
        ...options.env,
      }),
    );
    return {
      started,
      publicUrl,
      databaseUrl: url.toString(),
      close: async () => {
        await started.close();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}
