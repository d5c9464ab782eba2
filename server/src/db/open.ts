import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Env } from "../env";
import { type Database, openDatabase } from "./client";

/** Real Postgres when `DATABASE_URL` is set, else the embedded PGlite under the data dir. */
export async function openDatabaseFromEnv(
  env: Pick<Env, "DATABASE_URL" | "PARLEY_DATA_DIR">,
): Promise<Database> {
  if (env.DATABASE_URL) return openDatabase({ url: env.DATABASE_URL });
  const dataDir = pgliteDir(env);
  await mkdir(dataDir, { recursive: true });
  return openDatabase({ dataDir });
}

export const pgliteDir = (env: Pick<Env, "PARLEY_DATA_DIR">) => join(env.PARLEY_DATA_DIR, "pglite");
