/**
 * Quota (design §4 rule 7): minutes used this billing period + minutes reserved by live
 * sessions must stay within the plan's included minutes (paid plans may allow overage), and
 * live sessions within the plan's concurrency cap. The check-and-reserve is ONE conditional
 * UPDATE on the partner's counter row for the period, so any number of server processes on
 * one Postgres can never over-issue: Postgres serialises the row updates.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { ApiError } from "../errors";
import { billingPeriod } from "./partners";

/** Below this many seconds left, a session is not worth starting. */
export const minimumGrantSeconds = 30;

export interface QuotaPlan {
  includedSeconds: number;
  overageAllowed: boolean;
  maxConcurrentSessions: number;
}

export interface Reservation {
  periodStart: string;
  /** What was reserved: the agent's max duration, or what is left of the quota if less. */
  seconds: number;
}

export function periodStartOf(now: Date): string {
  return billingPeriod(now).start.toISOString().slice(0, 10);
}

async function ensureCounter(
  database: Database,
  partnerId: string,
  periodStart: string,
  plan: QuotaPlan,
) {
  await database.rows(sql`
    insert into quota_counters (partner_id, period_start, included_seconds)
    values (${partnerId}, ${periodStart}, ${plan.includedSeconds})
    on conflict (partner_id, period_start) do nothing`);
}

/**
 * What runs in the same statement as a reservation: SQL that reads the CTE `reserved`
 * (one row, column `granted`, present only when the reservation succeeded) and returns one
 * row with an integer `granted` column — typically the insert of the session that holds it.
 */
export type WithReservation = SQL;

const grantedOnly: WithReservation = sql`select granted from reserved`;

/**
 * Reserves up to `maxSeconds` for a new session, or throws `429 quota_exceeded` /
 * `429 too_many_sessions`. Without overage the grant shrinks to what is left (never below
 * `minimumGrantSeconds`), so the last minutes of a plan are still usable. `andThen` runs in
 * the same statement (one round trip, and it is reserved exactly when `andThen` succeeded).
 */
export async function reserveQuota(
  database: Database,
  partnerId: string,
  plan: QuotaPlan,
  maxSeconds: number,
  now: Date,
  andThen: WithReservation = grantedOnly,
): Promise<Reservation> {
  const periodStart = periodStartOf(now);
  const reserve = () => tryReserve(database, partnerId, plan, maxSeconds, periodStart, andThen);
  const granted = await reserve();
  if (granted !== null) return { periodStart, seconds: granted };
  // Refused: read the row once to say why (it may have changed since; either answer is true
  // of some instant within this request).
  const [state] = await database.rows<{ live: number }>(sql`
    select live_sessions::int as live from quota_counters
     where partner_id = ${partnerId} and period_start = ${periodStart}`);
  if (!state) {
    // The period's first session: create the counter, then reserve (kept off the hot path).
    await ensureCounter(database, partnerId, periodStart, plan);
    const first = await reserve();
    if (first !== null) return { periodStart, seconds: first };
  }
  if (state && Number(state.live) >= plan.maxConcurrentSessions) {
    throw new ApiError(
      "too_many_sessions",
      `This account allows ${plan.maxConcurrentSessions} conversations at once; try again shortly.`,
      {},
      { "retry-after": "15" },
    );
  }
  throw new ApiError(
    "quota_exceeded",
    "This account has used its included minutes for this period.",
  );
}

/** The one atomic check-and-reserve statement; null when refused or the row is missing. */
async function tryReserve(
  database: Database,
  partnerId: string,
  plan: QuotaPlan,
  maxSeconds: number,
  periodStart: string,
  andThen: WithReservation,
): Promise<number | null> {
  const overage = plan.overageAllowed;
  const [row] = await database.rows<{ granted: number }>(sql`
    with grant_size as (
      select case when ${overage}::boolean then ${maxSeconds}::int
                  else least(${maxSeconds}::int, ${plan.includedSeconds}::int - used_seconds - reserved_seconds)::int
             end as seconds
      from quota_counters where partner_id = ${partnerId} and period_start = ${periodStart}
      -- The lock makes a concurrent statement wait and then read the row as updated, so the
      -- grant is computed from current numbers, not from this statement's snapshot.
      for update
    ), reserved as (
    update quota_counters q
       set reserved_seconds = q.reserved_seconds + g.seconds,
           live_sessions = q.live_sessions + 1,
           included_seconds = ${plan.includedSeconds},
           updated_at = now()
      from grant_size g
     where q.partner_id = ${partnerId} and q.period_start = ${periodStart}
       and q.live_sessions < ${plan.maxConcurrentSessions}
       and g.seconds >= ${Math.min(minimumGrantSeconds, maxSeconds)}
    returning g.seconds::int as granted
    )
    ${andThen}`);
  return row ? Number(row.granted) : null;
}

/**
 * Gives back a session's reservation when it ends (or expires): the whole reservation and
 * one live slot. Used seconds are added by the usage pipeline, not here.
 */
export async function releaseQuota(
  database: Database,
  partnerId: string,
  reservation: Reservation,
): Promise<void> {
  await database.rows(sql`
    update quota_counters
       set reserved_seconds = greatest(reserved_seconds - ${reservation.seconds}, 0),
           live_sessions = greatest(live_sessions - 1, 0),
           updated_at = now()
     where partner_id = ${partnerId} and period_start = ${reservation.periodStart}`);
}

/** Adds metered seconds to the period's counter (called in the usage transaction). */
export async function addUsedSeconds(
  database: Pick<Database, "rows">,
  partnerId: string,
  periodStart: string,
  seconds: number,
): Promise<void> {
  await database.rows(sql`
    update quota_counters set used_seconds = used_seconds + ${seconds}, updated_at = now()
     where partner_id = ${partnerId} and period_start = ${periodStart}`);
}

export async function readQuota(database: Database, partnerId: string, now: Date) {
  const [row] = await database.rows<{
    included: number;
    used: number;
    reserved: number;
    live: number;
  }>(sql`
    select included_seconds::int as included, used_seconds::float8 as used,
           reserved_seconds::float8 as reserved, live_sessions::int as live
      from quota_counters where partner_id = ${partnerId} and period_start = ${periodStartOf(now)}`);
  return row
    ? {
        includedSeconds: row.included,
        usedSeconds: Number(row.used),
        reservedSeconds: Number(row.reserved),
        liveSessions: row.live,
      }
    : null;
}
