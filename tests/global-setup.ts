/**
 * The server serves the widget and the dashboard from their `dist/` folders; build each one
 * that is missing or older than its sources, so the browser runs the code in the tree. With
 * `DATABASE_URL`, the run gets a fresh database of its own on that server (dropped after):
 * the tests expect the demo as `pnpm start` seeds it today, not whatever another suite (the
 * server's, which seeds the demo at fixed past dates) left in that database.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

const root = fileURLToPath(new URL("../", import.meta.url));

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
    latest = Math.max(latest, time);
  }
  return latest;
}

function buildIfStale(pkg: "widget" | "dashboard", marker: string) {
  const dir = join(root, pkg);
  const built = join(dir, "dist", marker);
  const sources = Math.max(newest(join(dir, "src")), statSync(join(dir, "vite.config.ts")).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log(`[e2e] building ${pkg}/dist …`);
  execFileSync(process.execPath, [join(dir, "node_modules", "vite", "bin", "vite.js"), "build"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's own Postgres database, when `DATABASE_URL` names a server; else null. */
    e2eDatabaseUrl: string | null;
  }
}

async function freshDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `parley_e2e_${Date.now()}_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export default async function setup(project: TestProject) {
  buildIfStale("widget", "voice-agent.js");
  buildIfStale("dashboard", "index.html");
  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide("e2eDatabaseUrl", null);
    return;
  }
  const database = await freshDatabase(url);
  project.provide("e2eDatabaseUrl", database.url);
  return () => database.drop();
}
