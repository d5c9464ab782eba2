/**
 * The monthly usage query over 10 million usage events (issue #4), on real Postgres: a fresh
 * database, the real server in this process (demo mode), the events generated in SQL for six
 * partners (the demo partner the largest), their daily rollups added with the server's own
 * upsert, then in the same run: the report `GET /v1/usage` runs (the server's `usageReport`,
 * which reads rollups) against a naive SUM over the raw events for the same partner and month,
 * both timed one after another on an otherwise idle server, and checked to give the same
 * numbers; and the HTTP route under autocannon (its own process).
 * `npx -y pnpm@10 --filter @parley/bench usage`
 */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { type Database, openDatabase } from "../../server/src/db/client";
import { createPartner } from "../../server/src/domain/partners";
import { usageReport } from "../../server/src/domain/usage-report";
import { figuresOf, type RunFigures, table } from "../sessions/summary";
import { startBenchServer } from "../support/server";
import {
  callsFor,
  eventCount,
  insertEventsSql,
  naiveReportSql,
  ranges,
  rollupMismatchSql,
  rollupSql,
  rollupTableSql,
  type Spread,
} from "./spread";
import { type DayRow, differences, latencyOf, latencyTable, timeRuns } from "./stats";

const events = Number(process.env.BENCH_USAGE_EVENTS ?? 10_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 300);
const naiveRuns = Number(process.env.BENCH_NAIVE_RUNS ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

// Other work on the machine changes every figure here: the load averages are reported with them.
const loadBefore = loadavg().map((l) => Math.round(l * 10) / 10);
const { started, publicUrl, databaseUrl, close } = await startBenchServer({ name: "usage" });
const workers: Database[] = [];
try {
  const { demo, services } = started;
  const { database } = services;
  const demoAgent = demo?.agents[0];
  if (!demo || !demoAgent) throw new Error("the demo seed did not run");
  const [owner] = await database.rows<{ partner_id: string }>(
    sql`select partner_id from agents where id = ${demoAgent.id}`,
  );
  if (!owner) throw new Error("demo agent not found");
  const partnerId = owner.partner_id;
  const others = [];
  for (let i = 1; i <= 5; i++) {
    others.push(
      await createPartner(database.db, services, { name: `Bench partner ${i}`, planId: "pro" }),
    );
  }
  const shares = [0.25, 0.15, 0.1, 0.06, 0.04];
  const spread: Spread = {
    partners: [
      { id: partnerId, share: 0.4 },
      ...others.map((id, i) => ({ id, share: shares[i] ?? 0 })),
    ],
    agentsPerPartner: 60,
    days: 62,
    ...callsFor(events, 0.5),
  };

  // Generation, timed. Two connections insert halves in parallel; the secondary indexes are
  // dropped first and rebuilt after (sorting once beats 10 million random B-tree inserts),
  // with exactly the definitions the migrations gave them.
  for (let i = 0; i < 2; i++)
    workers.push(await openDatabase({ url: databaseUrl, maxConnections: 1 }));
  const [first, second] = workers;
  if (!first || !second) throw new Error("no workers");
  const steps: [string, number][] = [];
  const step = async (name: string, work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    steps.push([name, Math.round((performance.now() - t) / 100) / 10]);
    console.log(`  ${name}: ${steps.at(-1)?.[1]} s`);
  };
  const generationStart = performance.now();
  const indexes = await first.rows<{ name: string; definition: string }>(sql`
    select indexname as name, indexdef as definition from pg_indexes
     where tablename = 'usage_events' and indexname <> 'usage_events_pkey'`);
  const foreignKeys = await first.rows<{ name: string; definition: string }>(sql`
    select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
     where conrelid = 'usage_events'::regclass and contype = 'f'`);
  const rateRows = await first.rows<{ key: string; micros: number }>(
    sql`select key, micros_per_unit::float8 as micros from rates`,
  );
  const rate = (key: string) => Number(rateRows.find((r) => r.key === key)?.micros ?? 0);
  const rates = {
    premiumPerSecond: rate("elevenlabs.seconds"),
    standardPerSecond: rate("openai.seconds"),
    perCharacter: rate("elevenlabs.characters"),
  };
  console.log(`generating ${eventCount(spread)} usage events…`);
  await step("drop secondary indexes and the foreign key", async () => {
    for (const index of indexes) await first.rows(sql.raw(`drop index ${index.name}`));
    for (const fk of foreignKeys) {
      await first.rows(sql.raw(`alter table usage_events drop constraint ${fk.name}`));
    }
  });
  await step("insert events", () =>
    Promise.all(
      ranges(spread.calls, workers.length).map(([from, to], i) =>
        (workers[i] ?? first).rows(insertEventsSql(spread, rates, from, to)),
      ),
    ),
  );
  // Re-adding the foreign key checks every row against partners.
  await step("rebuild indexes, re-add (and check) the foreign key", async () => {
    await first.rows(sql`set maintenance_work_mem = '1GB'`);
    for (const index of indexes) await first.rows(sql.raw(index.definition));
    for (const fk of foreignKeys) {
      await first.rows(
        sql.raw(`alter table usage_events add constraint ${fk.name} ${fk.definition}`),
      );
    }
  });
  await step("rollups", async () => {
    await first.rows(rollupTableSql);
    await first.rows(rollupSql);
    await first.rows(sql`drop table bench_rollups`);
  });
  await step("vacuum analyze", () => first.rows(sql`vacuum (analyze) usage_events, usage_daily`));
  const generationSeconds = Math.round((performance.now() - generationStart) / 100) / 10;
  const [counted] = await first.rows<{ events: number; rollups: number }>(sql`
    select (select count(*) from usage_events)::int as events,
           (select count(*) from usage_daily)::int as rollups`);
  const [check] = await first.rows<{ mismatches: number }>(rollupMismatchSql);

  // The month before this one: complete in the data (62 past days), as a partner reads it.
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 10);
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))
    .toISOString()
    .slice(0, 10);
  const [month] = await database.rows<{ events: number; rollups: number }>(sql`
    select (select count(*) from usage_events where partner_id = ${partnerId}
               and occurred_at >= ${from}::date::timestamp at time zone 'UTC'
               and occurred_at < (${to}::date + 1)::timestamp at time zone 'UTC')::int as events,
           (select count(*) from usage_daily where partner_id = ${partnerId}
               and day between ${from}::date and ${to}::date)::int as rollups`);

  const auth = { partnerId, actor: "key_bench", role: "owner" as const };
  const query = { from, to, groupBy: "day" as const };
  const report = await usageReport(services, auth, query);
  const naive = (
    await database.rows<Record<string, number | string>>(naiveReportSql(partnerId, from, to))
  ).map(
    (r): DayRow => ({
      key: String(r.key),
      sessions: Number(r.sessions),
      seconds: Number(r.seconds),
      characters: Number(r.characters),
      costMicros: Number(r.cost),
    }),
  );
  const diff = differences(report.data, naive);

  const rollupLatency = latencyOf(
    await timeRuns(() => usageReport(services, auth, query), runs, 20),
  );
  const naiveLatency = latencyOf(
    await timeRuns(() => database.rows(naiveReportSql(partnerId, from, to)), naiveRuns, 1),
  );

  // The route end to end, autocannon in its own process, 10 connections.
  const bin = join(import.meta.dirname, "..", "node_modules", ".bin", "autocannon");
  const target = `${publicUrl}/v1/usage?from=${from}&to=${to}&groupBy=day`;
  const cannon = async (duration: number): Promise<RunFigures> => {
    const { stdout } = await promisify(execFile)(
      bin,
      [
        "-c",
        "10",
        "-d",
        String(duration),
        "-j",
        "-H",
        `authorization=Bearer ${demo.secretKey}`,
        target,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    return figuresOf(JSON.parse(stdout));
  };
  await cannon(2);
  const http = await cannon(seconds);

  const load = { before: loadBefore, after: loadavg().map((l) => Math.round(l * 10) / 10) };
  console.log(
    `\n${counted?.events} usage events, ${counted?.rollups} rollup rows, generated in ${generationSeconds} s`,
  );
  console.log(
    `load average (1, 5, 15 min): ${load.before.join(" ")} before, ${load.after.join(" ")} after`,
  );
  console.log(
    `rollups vs raw events, whole table: ${check?.mismatches === 0 ? "identical" : `${check?.mismatches} rows differ`}`,
  );
  console.log(
    `partner ${partnerId}, ${from} … ${to}: ${month?.events} raw events, ${month?.rollups} rollup rows\n`,
  );
  console.log(
    latencyTable([
      ["usageReport (rollups, what GET /v1/usage runs)", rollupLatency],
      ["naive SUM over usage_events", naiveLatency],
    ]),
  );
  console.log(`\n${table([["GET /v1/usage (10 connections)", http]])}`);
  console.log(
    `\nsame numbers: ${diff.length === 0 ? `yes (${report.data.length} days, totals ${JSON.stringify(report.totals)})` : `NO\n  ${diff.slice(0, 10).join("\n  ")}`}`,
  );
  console.log(
    `usage query p95 ${rollupLatency.p95Ms} ms (target ≤ 20: ${rollupLatency.p95Ms <= 20 ? "met" : "missed"}); ` +
      `naive p95 ${naiveLatency.p95Ms} ms`,
  );
  const dir = join(import.meta.dirname, "..", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `usage-${Date.now()}.json`),
    JSON.stringify(
      {
        events: counted?.events,
        rollupRows: counted?.rollups,
        generationSeconds,
        steps,
        load,
        rollupMismatches: check?.mismatches,
        month: { partnerId, from, to, ...month },
        rollupLatency,
        naiveLatency,
        http,
        sameNumbers: diff.length === 0,
        differences: diff.slice(0, 10),
        totals: report.totals,
      },
      null,
      2,
    ),
  );
  if (diff.length > 0 || check?.mismatches !== 0) process.exitCode = 1;
} finally {
  for (const w of workers) await w.close();
  await close();
}
