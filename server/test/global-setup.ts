import { openDatabase } from "../src/db/client";
import { seedReference } from "../src/db/seed/reference";

/**
 * With `DATABASE_URL` set the suite runs against real Postgres: migrate and seed it once
 * here, so the test files (in parallel workers) only connect. Without it every file gets
 * its own in-memory PGlite (see harness.ts).
 */
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const database = await openDatabase({ url, maxConnections: 2 });
  try {
    await database.migrate();
    await seedReference(database);
  } finally {
    await database.close();
  }
}
