/**
 * What the webhook benchmark checks after the load, in the database and in the answers:
 * every distinct event applied exactly once (one `applied` answer, one webhook_events row,
 * one seconds event and one characters event with the right figures, the session ended with
 * the webhook's duration), nothing lost or doubled in the daily rollups or the quota
 * counter. The checks are plain functions over rows, so they are tested without Postgres.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../server/src/db/client";

export interface ExpectedCall {
  sessionId: string;
  conversationId: string;
  seconds: number;
  characters: number;
}

export interface UsageEventRow extends Record<string, unknown> {
  sessionId: string | null;
  agentId: string;
  provider: string;
  day: string;
  kind: string;
  quantity: number;
  costMicros: number;
  provisional: boolean;
  idempotencyKey: string;
}

export interface SessionRow extends Record<string, unknown> {
  id: string;
  status: string;
  durationSeconds: number | null;
  providerConversationId: string | null;
  costMicros: number;
}

export interface Sums {
  sessions: number;
  seconds: number;
  characters: number;
  costMicros: number;
}

export interface RollupRow extends Sums, Record<string, unknown> {
  agentId: string;
  provider: string;
  day: string;
}

/** Problems are listed up to this many; the count says how many there were in all. */
const shown = 10;

export class Problems {
  readonly list: string[] = [];
  count = 0;
  add(problem: string) {
    this.count++;
    if (this.list.length < shown) this.list.push(problem);
  }
}

/** Each event answered `applied` exactly once, every other delivery `duplicate`, all 200. */
export function checkAnswers(
  deliveries: { event: number }[],
  statuses: number[],
  outcomes: string[],
  events: number,
  problems: Problems,
) {
  const applied = new Array<number>(events).fill(0);
  const counts: Record<string, number> = {};
  deliveries.forEach((d, i) => {
    const status = statuses[i] ?? 0;
    const outcome = outcomes[i] ?? "";
    counts[outcome || `status ${status}`] = (counts[outcome || `status ${status}`] ?? 0) + 1;
    if (status !== 200) problems.add(`delivery ${i} (event ${d.event}) answered ${status}`);
    if (outcome === "applied") applied[d.event] = (applied[d.event] ?? 0) + 1;
  });
  applied.forEach((n, event) => {
    if (n !== 1) problems.add(`event ${event} answered "applied" ${n} times`);
  });
  return counts;
}

/** The session rows and usage events of the benchmark's sessions against what was sent. */
export function checkSessions(
  expected: ExpectedCall[],
  sessions: SessionRow[],
  events: UsageEventRow[],
  problems: Problems,
) {
  const bySession = new Map<string, UsageEventRow[]>();
  for (const e of events) {
    const list = bySession.get(e.sessionId ?? "") ?? [];
    list.push(e);
    bySession.set(e.sessionId ?? "", list);
  }
  const rows = new Map(sessions.map((s) => [s.id, s]));
  const known = new Set(expected.map((c) => c.sessionId));
  for (const id of bySession.keys()) {
    if (!known.has(id)) problems.add(`usage events for a session that was not sent: ${id}`);
  }
  for (const id of rows.keys()) {
    if (!known.has(id)) problems.add(`a session that was not sent: ${id}`);
  }
  for (const call of expected) {
    const mine = bySession.get(call.sessionId) ?? [];
    const seconds = mine.filter((e) => e.kind === "seconds");
    const characters = mine.filter((e) => e.kind === "characters");
    const key = `elevenlabs:${call.conversationId}`;
    if (seconds.length !== 1) {
      problems.add(`${call.sessionId}: ${seconds.length} seconds events`);
    } else if (
      seconds[0]?.quantity !== call.seconds ||
      seconds[0].provisional ||
      seconds[0].idempotencyKey !== key
    ) {
      problems.add(`${call.sessionId}: seconds event ${JSON.stringify(seconds[0])}`);
    }
    const wantCharacters = call.characters > 0 ? 1 : 0;
    if (characters.length !== wantCharacters) {
      problems.add(`${call.sessionId}: ${characters.length} characters events`);
    } else if (
      wantCharacters &&
      (characters[0]?.quantity !== call.characters ||
        characters[0].idempotencyKey !== `${key}:characters`)
    ) {
      problems.add(`${call.sessionId}: characters event ${JSON.stringify(characters[0])}`);
    }
    const row = rows.get(call.sessionId);
    const cost = mine.reduce((n, e) => n + e.costMicros, 0);
    if (!row) {
      problems.add(`${call.sessionId}: no session row`);
    } else if (
      row.status !== "ended" ||
      row.durationSeconds !== call.seconds ||
      row.providerConversationId !== call.conversationId ||
      row.costMicros !== cost
    ) {
      problems.add(`${call.sessionId}: session ${JSON.stringify(row)} (events cost ${cost})`);
    }
  }
}

const keyOf = (r: { day: string; agentId: string; provider: string }) =>
  `${r.day}|${r.agentId}|${r.provider}`;

/** usage_daily after minus before, per (day, agent, provider). */
export function rollupDelta(before: RollupRow[], after: RollupRow[]): Map<string, Sums> {
  const delta = new Map<string, Sums>();
  const add = (r: RollupRow, sign: 1 | -1) => {
    const d = delta.get(keyOf(r)) ?? { sessions: 0, seconds: 0, characters: 0, costMicros: 0 };
    d.sessions += sign * r.sessions;
    d.seconds += sign * r.seconds;
    d.characters += sign * r.characters;
    d.costMicros += sign * r.costMicros;
    delta.set(keyOf(r), d);
  };
  for (const r of after) add(r, 1);
  for (const r of before) add(r, -1);
  for (const [k, d] of delta) {
    if (!d.sessions && !d.seconds && !d.characters && !d.costMicros) delta.delete(k);
  }
  return delta;
}

/** What the rollups must have gained: the raw events summed the way the rollup sums them. */
export function sumEvents(events: UsageEventRow[]): Map<string, Sums> {
  const sums = new Map<string, Sums>();
  for (const e of events) {
    const s = sums.get(keyOf(e)) ?? { sessions: 0, seconds: 0, characters: 0, costMicros: 0 };
    if (e.kind === "seconds") {
      s.sessions += 1;
      s.seconds += e.quantity;
    } else {
      s.characters += e.quantity;
    }
    s.costMicros += e.costMicros;
    sums.set(keyOf(e), s);
  }
  return sums;
}

export function compareSums(
  label: string,
  actual: Map<string, Sums>,
  wanted: Map<string, Sums>,
  problems: Problems,
) {
  for (const key of new Set([...actual.keys(), ...wanted.keys()])) {
    const a = JSON.stringify(actual.get(key) ?? null);
    const w = JSON.stringify(wanted.get(key) ?? null);
    if (a !== w) problems.add(`${label} ${key}: ${a}, expected ${w}`);
  }
}

export function totalOf(sums: Iterable<Sums>): Sums {
  const t = { sessions: 0, seconds: 0, characters: 0, costMicros: 0 };
  for (const s of sums) {
    t.sessions += s.sessions;
    t.seconds += s.seconds;
    t.characters += s.characters;
    t.costMicros += s.costMicros;
  }
  return t;
}

export async function readRollups(database: Database, partnerId: string) {
  return database.rows<RollupRow>(sql`
    select agent_id as "agentId", provider, day::text as day, sessions::float8 as sessions,
           seconds::float8 as seconds, characters::float8 as characters,
           cost_micros::float8 as "costMicros"
      from usage_daily where partner_id = ${partnerId}`);
}

export async function readQuotaCounter(database: Database, partnerId: string) {
  const [row] = await database.rows<{ used: number; reserved: number }>(sql`
    select coalesce(sum(used_seconds), 0)::float8 as used,
           coalesce(sum(reserved_seconds), 0)::float8 as reserved
      from quota_counters where partner_id = ${partnerId}`);
  return row ?? { used: 0, reserved: 0 };
}

/** Rows written since `at` (the database's timestamp text: the demo seed wrote before it). */
export async function readSince(database: Database, partnerId: string, at: string) {
  const events = await database.rows<UsageEventRow>(sql`
    select session_id as "sessionId", agent_id as "agentId", provider,
           (occurred_at at time zone 'UTC')::date::text as day, kind,
           quantity::float8 as quantity, cost_micros::float8 as "costMicros", provisional,
           idempotency_key as "idempotencyKey"
      from usage_events where partner_id = ${partnerId} and created_at >= ${at}::timestamptz`);
  const sessions = await database.rows<SessionRow>(sql`
    select id, status, duration_seconds as "durationSeconds",
           provider_conversation_id as "providerConversationId",
           cost_micros::float8 as "costMicros"
      from voice_sessions where partner_id = ${partnerId} and issued_at >= ${at}::timestamptz`);
  const claims = await database.rows<{ eventId: string }>(sql`
    select event_id as "eventId" from webhook_events
     where provider = 'elevenlabs' and created_at >= ${at}::timestamptz`);
  return { events, sessions, claims: claims.map((c) => c.eventId) };
}

/** The database before the load: what the run's changes are measured against. */
export async function snapshot(database: Database, partnerId: string) {
  const [clock] = await database.rows<{ now: string }>(sql`select now()::text as now`);
  if (!clock) throw new Error("no clock");
  return {
    since: clock.now,
    rollups: await readRollups(database, partnerId),
    quota: await readQuotaCounter(database, partnerId),
  };
}

/**
 * Everything the run must have left: one `applied` answer per event, its webhook_events row,
 * its events and session (`checkSessions`), the rollups grown by exactly the events, and the
 * quota counter by exactly the seconds, with every reservation given back.
 */
export async function verifyRun(
  database: Database,
  partnerId: string,
  before: Awaited<ReturnType<typeof snapshot>>,
  run: {
    calls: ExpectedCall[];
    deliveries: { event: number }[];
    statuses: number[];
    outcomes: string[];
  },
) {
  const problems = new Problems();
  const { calls } = run;
  const answers = checkAnswers(run.deliveries, run.statuses, run.outcomes, calls.length, problems);
  const written = await readSince(database, partnerId, before.since);
  checkSessions(calls, written.sessions, written.events, problems);
  const conversations = new Set(calls.map((c) => c.conversationId));
  if (
    written.claims.length !== calls.length ||
    !written.claims.every((c) => conversations.has(c))
  ) {
    problems.add(`${written.claims.length} webhook_events rows for ${calls.length} events`);
  }
  const delta = rollupDelta(before.rollups, await readRollups(database, partnerId));
  compareSums("usage_daily gained", delta, sumEvents(written.events), problems);
  const sent = {
    sessions: calls.length,
    seconds: calls.reduce((n, c) => n + c.seconds, 0),
    characters: calls.reduce((n, c) => n + c.characters, 0),
  };
  const gained = totalOf(delta.values());
  if (
    gained.sessions !== sent.sessions ||
    gained.seconds !== sent.seconds ||
    gained.characters !== sent.characters
  ) {
    problems.add(`rollups gained ${JSON.stringify(gained)}, sent ${JSON.stringify(sent)}`);
  }
  const quota = await readQuotaCounter(database, partnerId);
  const usedGained = quota.used - before.quota.used;
  if (usedGained !== sent.seconds) {
    problems.add(`quota used +${usedGained} s, sent ${sent.seconds} s`);
  }
  if (quota.reserved !== before.quota.reserved) {
    problems.add(`quota reserved ${before.quota.reserved} → ${quota.reserved}`);
  }
  return { problems, answers, gained, usedGained };
}
