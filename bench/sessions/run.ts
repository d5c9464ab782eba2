/**
 * Session creation throughput and latency (issue: sessions benchmark), on real Postgres:
 * a fresh database, the real server in this process, autocannon at 64 connections on
 * POST /v1/widget/sessions (warm cache), then on /healthz (a hello-world-sized route on the
 * same server) in the same run. `npx -y pnpm@10 --filter @parley/bench sessions`
 */

import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { startBenchServer } from "../support/server";
import { figuresOf, type RunFigures, table, verdict } from "./summary";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 64;

interface Target {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

/** autocannon in its own process, so the load generator does not share the server's event loop. */
async function cannon(target: Target, duration = seconds): Promise<RunFigures> {
  const args = [
    "-c",
    String(connections),
    "-d",
    String(duration),
    "-m",
    target.method ?? "GET",
    "-j",
  ];
  for (const [k, v] of Object.entries(target.headers ?? {})) args.push("-H", `${k}=${v}`);
  if (target.body) args.push("-b", target.body);
  args.push(target.url);
  const bin = join(import.meta.dirname, "..", "node_modules", ".bin", "autocannon");
  const { stdout } = await promisify(execFile)(bin, args, { maxBuffer: 64 * 1024 * 1024 });
  return figuresOf(JSON.parse(stdout));
}

const { started, publicUrl, close } = await startBenchServer({
  name: "sessions",
  env: { SESSION_RATE_LIMIT_PER_MINUTE: "100000000" },
  prepare: async (admin, dbName) => {
    if (process.env.BENCH_ASYNC_COMMIT === "1") {
      // Diagnosis only: shows how much of the cost is the WAL flush each commit waits for.
      await admin.rows(sql.raw(`alter database ${dbName} set synchronous_commit = off`));
    }
  },
});
try {
  const demo = started.demo;
  const agent = demo?.agents.find((a) => a.name === "Help center");
  if (!demo || !agent) throw new Error("the demo seed did not run");
  // A bench-only plan: quota and the concurrency cap must not be what we measure
  // (issued sessions are never connected here, so each one holds a live slot).
  const { database } = started.services;
  await database.rows(sql`
    insert into plans (id, name, included_seconds, overage_allowed, max_agents, max_custom_personas,
                       max_concurrent_sessions, features)
    values ('bench', 'Bench', 2000000000, true, 100, 100, 100000000, '["custom_personas"]'::jsonb)`);
  const [key] = await database.rows<{ partner_id: string }>(
    sql`select partner_id from api_keys where display_prefix = ${`${demo.publishableKey.slice(0, 12)}…${demo.publishableKey.slice(-4)}`}`,
  );
  if (!key) throw new Error("demo key not found");
  await database.rows(
    sql`update subscriptions set plan_id = 'bench' where partner_id = ${key.partner_id}`,
  );
  await started.services.resolutionCache.invalidatePartner(key.partner_id);

  const session = {
    url: `${publicUrl}/v1/widget/sessions`,
    method: "POST" as const,
    headers: {
      authorization: `Bearer ${demo.publishableKey}`,
      origin: publicUrl,
      "content-type": "application/json",
    },
    body: JSON.stringify({ agent: agent.id }),
  };
  await cannon(session, 3); // warm: cache, pools, JIT
  const sessions = await cannon(session);
  // BENCH_SKIP_BASELINE=1 isolates the session phase (for a CPU profile of it alone): no
  // baseline, so no ratio either.
  const hello =
    process.env.BENCH_SKIP_BASELINE === "1" ? null : await cannon({ url: `${publicUrl}/healthz` });
  const v = hello ? verdict(sessions, hello) : null;

  console.log(
    table([
      ["POST /v1/widget/sessions", sessions],
      ...(hello ? [["GET /healthz (baseline)", hello] as [string, typeof hello]] : []),
    ]),
  );
  console.log(
    v
      ? `\nratio ${v.ratio} (target ≥ 0.15: ${v.throughputTarget ? "met" : "missed"}), ` +
          `p99 ${sessions.p99Ms} ms (target ≤ 25: ${v.latencyTarget ? "met" : "missed"}), ` +
          `${v.clean ? "every response 201" : "NOT all responses were 201"}`
      : `\nno baseline run (BENCH_SKIP_BASELINE=1): p99 ${sessions.p99Ms} ms`,
  );
  const dir = join(import.meta.dirname, "..", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `sessions-${Date.now()}.json`),
    JSON.stringify({ connections, seconds, sessions, hello, ...v }, null, 2),
  );
} finally {
  await close();
}
