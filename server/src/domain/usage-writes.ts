/**
 * The shared rows a metering transaction changes — the daily rollups, the period's quota
 * counter, the sessions' cost — summed while the events are inserted and written at the end,
 * one statement per table (design §9: in the same transaction as the events). Rows go in key
 * order, so concurrent transactions lock them in one order, and the hot rows (one rollup row
 * per agent per day, one quota row per partner) are held only until the commit.
 */
import { sql } from "drizzle-orm";
import { anyOf, arrayRows } from "../db/arrays";
import { quotaCounters, usageDaily, usageEvents, voiceSessions } from "../db/schema";
import { periodStartOf } from "./quota";
import type { Tx } from "./usage";

type SessionRow = typeof voiceSessions.$inferSelect;

export interface Amounts {
  sessions: number;
  seconds: number;
  characters: number;
  costMicros: number;
}

/** The quota counter changes of a transaction: used seconds, and reservations given back. */
export interface QuotaChange {
  used: number;
  reserved: number;
  live: number;
}

/** What a transaction will add to the shared rows, summed, written by `writePending`. */
export interface PendingWrites {
  rollups: Map<
    string,
    { partnerId: string; day: string; agentId: string; provider: SessionRow["provider"] } & Amounts
  >;
  quota: Map<string, { partnerId: string; periodStart: string } & QuotaChange>;
  /** Per session: its cost is set to `cost` (`replace`) or raised by it; its duration set. */
  sessions: Map<string, { replace: boolean; cost: number; duration: number | null }>;
  /** Provisional events replaced by authoritative ones. */
  replaced: string[];
}

export function newPendingWrites(): PendingWrites {
  return { rollups: new Map(), quota: new Map(), sessions: new Map(), replaced: [] };
}

export function addRollup(
  w: PendingWrites,
  session: SessionRow,
  day: string,
  delta: Partial<Amounts>,
) {
  const key = `${session.partnerId}|${day}|${session.agentId}|${session.provider}`;
  const row = w.rollups.get(key) ?? {
    partnerId: session.partnerId,
    day,
    agentId: session.agentId,
    provider: session.provider,
    sessions: 0,
    seconds: 0,
    characters: 0,
    costMicros: 0,
  };
  row.sessions += delta.sessions ?? 0;
  row.seconds += delta.seconds ?? 0;
  row.characters += delta.characters ?? 0;
  row.costMicros += delta.costMicros ?? 0;
  w.rollups.set(key, row);
}

/** Adds to the quota change of the period the session was issued in. */
export function addQuotaChange(w: PendingWrites, session: SessionRow, delta: Partial<QuotaChange>) {
  const periodStart = periodStartOf(session.issuedAt);
  const key = `${session.partnerId}|${periodStart}`;
  const row = w.quota.get(key) ?? {
    partnerId: session.partnerId,
    periodStart,
    used: 0,
    reserved: 0,
    live: 0,
  };
  row.used += delta.used ?? 0;
  row.reserved += delta.reserved ?? 0;
  row.live += delta.live ?? 0;
  w.quota.set(key, row);
}

/**
 * Writes the summed changes: the replaced provisional events deleted, one upsert of the
 * rollups, one update of the quota counters and one of the sessions — sent together (one
 * round trip), rows in key order so concurrent transactions lock them in one order.
 */
export async function writePending(tx: Tx, w: PendingWrites) {
  const byKey = <T>(m: Map<string, T>) =>
    [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  const rollups = byKey(w.rollups).filter(
    (r) => r.sessions || r.seconds || r.characters || r.costMicros,
  );
  const quota = byKey(w.quota).filter((q) => q.used || q.reserved || q.live);
  const sessions = [...w.sessions.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const writes: Promise<unknown>[] = [];
  if (w.replaced.length > 0) {
    writes.push(
      tx
        .delete(usageEvents)
        .where(anyOf(usageEvents.id, w.replaced))
        .prepare("usage_delete_replaced")
        .execute(),
    );
  }
  if (rollups.length > 0) {
    writes.push(
      tx
        .insert(usageDaily)
        // Columns in the table's order, which `insert … select` fills.
        .select(
          sql`select * from ${arrayRows({
            partner_id: ["text", rollups.map((r) => r.partnerId)],
            agent_id: ["text", rollups.map((r) => r.agentId)],
            provider: ["text", rollups.map((r) => r.provider)],
            day: ["date", rollups.map((r) => r.day)],
            sessions: ["int", rollups.map((r) => r.sessions)],
            seconds: ["bigint", rollups.map((r) => r.seconds)],
            characters: ["bigint", rollups.map((r) => r.characters)],
            cost_micros: ["bigint", rollups.map((r) => r.costMicros)],
          })} as v`,
        )
        .onConflictDoUpdate({
          target: [usageDaily.partnerId, usageDaily.day, usageDaily.agentId, usageDaily.provider],
          set: {
            sessions: sql`${usageDaily.sessions} + excluded.sessions`,
            seconds: sql`${usageDaily.seconds} + excluded.seconds`,
            characters: sql`${usageDaily.characters} + excluded.characters`,
            costMicros: sql`${usageDaily.costMicros} + excluded.cost_micros`,
          },
        })
        .prepare("usage_add_rollups")
        .execute(),
    );
  }
  if (quota.length > 0) {
    writes.push(
      tx
        .update(quotaCounters)
        .set({
          usedSeconds: sql`greatest(${quotaCounters.usedSeconds} + v.used, 0)`,
          reservedSeconds: sql`greatest(${quotaCounters.reservedSeconds} - v.reserved, 0)`,
          liveSessions: sql`greatest(${quotaCounters.liveSessions} - v.live, 0)`,
          updatedAt: sql`now()`,
        })
        .from(
          sql`${arrayRows({
            partner_id: ["text", quota.map((q) => q.partnerId)],
            period_start: ["date", quota.map((q) => q.periodStart)],
            used: ["bigint", quota.map((q) => q.used)],
            reserved: ["bigint", quota.map((q) => q.reserved)],
            live: ["int", quota.map((q) => q.live)],
          })} as v`,
        )
        .where(
          sql`${quotaCounters.partnerId} = v.partner_id and ${quotaCounters.periodStart} = v.period_start`,
        )
        .prepare("usage_quota_changes")
        .execute(),
    );
  }
  if (sessions.length > 0) {
    writes.push(
      tx
        .update(voiceSessions)
        .set({
          costMicros: sql`case when v.replace then v.cost else ${voiceSessions.costMicros} + v.cost end`,
          durationSeconds: sql`coalesce(v.duration, ${voiceSessions.durationSeconds})`,
        })
        .from(
          sql`${arrayRows({
            id: ["text", sessions.map(([id]) => id)],
            replace: ["boolean", sessions.map(([, s]) => s.replace)],
            cost: ["bigint", sessions.map(([, s]) => s.cost)],
            duration: ["int", sessions.map(([, s]) => s.duration)],
          })} as v`,
        )
        .where(sql`${voiceSessions.id} = v.id`)
        .prepare("usage_session_costs")
        .execute(),
    );
  }
  await Promise.all(writes);
}
