/**
 * Closes sessions that will never close themselves (design §9): tokens never redeemed
 * (issued, past expiry → `expired`) and calls never ended (connected, past their granted
 * duration + grace → `ended` with `endReason: "timeout"`), giving back their reservations.
 * Each transition is a conditional UPDATE … RETURNING, so a sweeper on every instance is safe:
 * a session is released exactly once, by whichever statement moved it out of a live state.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { releaseQuota } from "./quota";

export const sweepGraceSeconds = 60;

export async function sweepSessions(database: Database, at: Date) {
  // Raw-SQL timestamps go in as ISO text: postgres.js and PGlite bind Date differently.
  const now = sql`${at.toISOString()}::timestamptz`;
  const expired = await database.rows<{
    partner_id: string;
    reserved: number;
    period_start: string;
  }>(sql`
    update voice_sessions set status = 'expired', ended_at = ${now}, end_reason = 'token_expired'
     where status = 'issued' and expires_at < ${now}
    returning partner_id, reserved_seconds::int as reserved, to_char(issued_at at time zone 'UTC', 'YYYY-MM-01') as period_start`);
  const timedOut = await database.rows<{
    partner_id: string;
    reserved: number;
    period_start: string;
  }>(sql`
    update voice_sessions
       set status = 'ended', ended_at = ${now}, end_reason = 'timeout',
           duration_seconds = coalesce(duration_seconds, reserved_seconds)
     where status = 'connected'
       and connected_at + make_interval(secs => reserved_seconds + ${sweepGraceSeconds}) < ${now}
    returning partner_id, reserved_seconds::int as reserved, to_char(issued_at at time zone 'UTC', 'YYYY-MM-01') as period_start`);
  for (const row of [...expired, ...timedOut]) {
    await releaseQuota(database, row.partner_id, {
      periodStart: row.period_start,
      seconds: Number(row.reserved),
    });
  }
  return { expired: expired.length, timedOut: timedOut.length };
}

/** Runs the sweep every `intervalMs` until stopped; errors are logged, never thrown. */
export function startSweeper(
  database: Database,
  now: () => Date,
  onError: (error: unknown) => void,
  intervalMs = 15_000,
) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await sweepSessions(database, now());
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
