/**
 * ElevenLabs post-call webhook ingestion (issue #4), on real Postgres: a fresh database, the
 * real server in this process (demo mode, the webhook secret set), N real sessions issued and
 * connected through the widget API (a quarter also ended by the widget, so the webhook must
 * replace a provisional figure), then autocannon in its own process fires one signed
 * post-call event per session plus replays, shuffled, at 64 connections. Afterwards the
 * database must hold every event exactly once. Then the same requests once more with an
 * event type the server ignores: everything but the database work, the ceiling of this
 * server process on this machine. `npx -y pnpm@10 --filter @parley/bench webhooks`
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { signElevenLabsWebhook } from "../../server/src/providers/elevenlabs";
import { figuresOf, table } from "../sessions/summary";
import { startBenchServer } from "../support/server";
import { type CallEvent, callEvent, type Delivery, planDeliveries, seededRandom } from "./events";
import type { FireOutput, FirePlan } from "./fire";
import { snapshot, verifyRun } from "./verify";

const events = Number(process.env.BENCH_EVENTS ?? 20_000);
const duplicateShare = Number(process.env.BENCH_DUPLICATES ?? 0.2);
const connections = 64;
const secret = randomBytes(24).toString("hex");
const random = seededRandom(Number(process.env.BENCH_SEED ?? 4));
const resultsDir = join(import.meta.dirname, "..", "results");
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Runs `task(i)` for i in [0, count) with at most `width` in flight. */
async function pool(width: number, count: number, task: (i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/** Signed deliveries: a replay repeats the original's header, a re-sent event is signed later. */
function signedPlan(url: string, bodies: string[], deliveries: Delivery[]): FirePlan {
  const at = new Date();
  const signatures = bodies.map((body) => signElevenLabsWebhook(body, secret, at));
  return {
    url,
    connections,
    bodies,
    deliveries: deliveries.map((d, i) => ({
      event: d.event,
      signature:
        d.kind === "resent"
          ? signElevenLabsWebhook(
              bodies[d.event] ?? "",
              secret,
              new Date(at.getTime() + 1000 + (i % 60) * 1000),
            )
          : (signatures[d.event] ?? ""),
    })),
  };
}

/**
 * Fires a plan from its own process and measures this (the server's) process meanwhile: its
 * CPU time, and with BENCH_PROFILE=1 a CPU profile written to bench/results/.
 */
async function fire(plan: FirePlan, label: string) {
  const file = join(mkdtempSync(join(tmpdir(), "parley-webhooks-")), "plan.json");
  writeFileSync(file, JSON.stringify(plan));
  const tsx = join(import.meta.dirname, "..", "node_modules", ".bin", "tsx");
  const profiler = process.env.BENCH_PROFILE === "1" ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
  }
  const cpuBefore = process.cpuUsage();
  const { stdout } = await promisify(execFile)(tsx, [join(import.meta.dirname, "fire.ts"), file], {
    maxBuffer: 256 * 1024 * 1024,
  });
  const cpu = process.cpuUsage(cpuBefore);
  if (profiler) {
    const { profile } = await profiler.post("Profiler.stop");
    mkdirSync(resultsDir, { recursive: true });
    const out = join(resultsDir, `webhooks-${label}-${Date.now()}.cpuprofile`);
    writeFileSync(out, JSON.stringify(profile));
    console.log(`CPU profile (${label}): ${out}`);
  }
  const fired = JSON.parse(stdout) as FireOutput;
  const figures = figuresOf(fired.result);
  return {
    fired,
    // Deliveries answered per second over the whole run (autocannon's own average is per
    // whole second and undercounts a run that ends mid-second).
    figures: { ...figures, requestsPerSecond: Math.round(figures.total / fired.result.duration) },
    cpuMsPerDelivery:
      Math.round(((cpu.user + cpu.system) / 1000 / plan.deliveries.length) * 100) / 100,
  };
}

// Other work on the machine changes every figure here: the load averages are reported with them.
const loadBefore = loadavg().map(round1);
const { started, publicUrl, close } = await startBenchServer({
  name: "webhooks",
  env: {
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "silent",
    SESSION_RATE_LIMIT_PER_MINUTE: "100000000",
    ELEVENLABS_WEBHOOK_SECRET: secret,
  },
});
try {
  const { demo, app, services } = started;
  const agent = demo?.agents.find((a) => a.name === "Front desk");
  if (!demo || !agent) throw new Error("the demo seed did not run");
  const { database } = services;
  const [owner] = await database.rows<{ partner_id: string }>(
    sql`select partner_id from agents where id = ${agent.id}`,
  );
  if (!owner) throw new Error("demo agent not found");
  const partnerId = owner.partner_id;
  // A bench-only plan: N issued sessions must not hit the quota or the concurrency cap.
  await database.rows(sql`
    insert into plans (id, name, included_seconds, overage_allowed, max_agents, max_custom_personas,
                       max_concurrent_sessions, features)
    values ('bench', 'Bench', 2000000000, true, 100, 100, 100000000, '["custom_personas"]'::jsonb)`);
  await database.rows(
    sql`update subscriptions set plan_id = 'bench' where partner_id = ${partnerId}`,
  );
  await services.resolutionCache.invalidatePartner(partnerId);
  const before = await snapshot(database, partnerId);

  // Real sessions through the widget API (in process: this is setup, not what is measured).
  const widget = async (path: string, auth: string, body: unknown) => {
    const res = await app.request(path, {
      method: "POST",
      headers: {
        authorization: `Bearer ${auth}`,
        origin: publicUrl,
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const calls: CallEvent[] = new Array(events);
  const setupStarted = performance.now();
  await pool(16, events, async (i) => {
    const issued = await widget("/v1/widget/sessions", demo.publishableKey, { agent: agent.id });
    const id = (issued.session as { id: string }).id;
    const token = String(issued.token);
    if (issued.provider !== "elevenlabs") throw new Error(`a ${issued.provider} session`);
    await widget(`/v1/widget/sessions/${id}/connect`, token, {});
    const connectedAtMs = Date.now();
    // A quarter of the calls were ended by the widget first: a provisional figure to replace.
    if (i % 4 === 0) {
      await widget(`/v1/widget/sessions/${id}/end`, token, {
        durationSeconds: 5,
        reason: "user_ended",
      });
    }
    calls[i] = callEvent(random, { id, connectedAtMs });
  });
  const setupSeconds = round1((performance.now() - setupStarted) / 1000);

  const deliveries = planDeliveries(events, duplicateShare, random);
  const bodies = calls.map((c) => c.body);
  const ingest = await fire(signedPlan(publicUrl, bodies, deliveries), "ingest");
  const verified = await verifyRun(database, partnerId, before, {
    calls,
    deliveries,
    statuses: ingest.fired.statuses,
    outcomes: ingest.fired.outcomes,
  });

  // The ceiling: the same requests (signature, JSON, schema) with a type the server ignores.
  const ignoredBodies = bodies.map((b) =>
    JSON.stringify({ ...JSON.parse(b), type: "post_call_audio" }),
  );
  const ceiling = await fire(signedPlan(publicUrl, ignoredBodies, deliveries), "ceiling");
  const ignoredAll = ceiling.fired.outcomes.every((o) => o === "ignored");

  const load = { before: loadBefore, after: loadavg().map(round1) };
  const { problems, answers, gained, usedGained } = verified;
  const clean = problems.count === 0 && ingest.figures.non2xx === 0 && ingest.figures.errors === 0;
  console.log(
    `load average (1, 5, 15 min): ${load.before.join(" ")} before, ${load.after.join(" ")} after`,
  );
  console.log(
    `${events} sessions set up in ${setupSeconds} s; ${deliveries.length} deliveries ` +
      `(${deliveries.length - events} duplicates), ${connections} connections\n`,
  );
  console.log(
    table([
      ["POST /v1/webhooks/elevenlabs", ingest.figures],
      ["same, event type ignored (no database)", ceiling.figures],
    ]),
  );
  console.log(
    `\nanswers: ${JSON.stringify(answers)}${ignoredAll ? "" : " (ceiling: NOT all ignored)"}`,
  );
  console.log(
    `server CPU per delivery: ${ingest.cpuMsPerDelivery} ms ingesting, ${ceiling.cpuMsPerDelivery} ms ignored`,
  );
  console.log(`rollups gained ${JSON.stringify(gained)}; quota used +${usedGained} s`);
  console.log(
    problems.count === 0
      ? `verification: every event recorded exactly once (${events} events, nothing lost or doubled)`
      : `verification FAILED: ${problems.count} problems\n  ${problems.list.join("\n  ")}`,
  );
  const perSecond = ingest.figures.requestsPerSecond;
  console.log(
    `${perSecond} webhooks/s (target ≥ 2000: ${perSecond >= 2000 ? "met" : "missed"}), ` +
      `${clean ? "clean" : "NOT clean"}`,
  );
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, `webhooks-${Date.now()}.json`),
    JSON.stringify(
      {
        events,
        deliveries: deliveries.length,
        connections,
        setupSeconds,
        load,
        ingest: { ...ingest.figures, cpuMsPerDelivery: ingest.cpuMsPerDelivery },
        ingestLatency: ingest.fired.result.latency,
        ceiling: { ...ceiling.figures, cpuMsPerDelivery: ceiling.cpuMsPerDelivery, ignoredAll },
        answers,
        gained,
        usedGained,
        problems: problems.count,
        shown: problems.list,
      },
      null,
      2,
    ),
  );
  if (!clean) process.exitCode = 1;
} finally {
  await close();
}
