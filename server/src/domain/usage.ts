/**
 * Metering (design §9). A usage event is idempotent by its key; the daily rollup and the
 * period's quota counter move in the same transaction as the event, so dashboards and
 * quota (which read rollups) always agree with the events. The widget's `/end` figure is
 * provisional: when the provider's authoritative figure arrives it replaces it (the
 * provisional event is deleted and its amounts subtracted), it is never added to it.
 *
 * The work is done for a list of sessions at once: the events go in with one statement and
 * the rollup and quota changes are summed and written at the end of the transaction
 * (`usage-writes.ts`). That is what lets the post-call webhook settle many calls per
 * transaction; `recordSessionUsage` and `recordSessionCharacters` are the one-session forms.
 * Every statement runs prepared (one text whatever the list length: `../db/arrays.ts`): the
 * driver parses it once per connection, then each run is one round trip, where an unprepared
 * statement with parameters costs a describe round trip first.
 */
import { eq, sql } from "drizzle-orm";
import { anyOf, arrayRows } from "../db/arrays";
import type { Db } from "../db/client";
import { rates, subscriptionAddons, usageEvents, voiceSessions } from "../db/schema";
import type { Services } from "../services";
import {
  addQuotaChange,
  addRollup,
  newPendingWrites,
  type PendingWrites,
  writePending,
} from "./usage-writes";

type SessionRow = typeof voiceSessions.$inferSelect;
type UsageEventRow = typeof usageEvents.$inferSelect;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface UsageInput {
  seconds: number;
  provisional: boolean;
  occurredAt: Date;
  /** Defaults to `prov:<session>` or `final:<session>`. */
  idempotencyKey?: string;
}

interface EventRow {
  id: string;
  partnerId: string;
  agentId: string;
  sessionId: string;
  provider: string;
  kind: "seconds" | "characters";
  quantity: number;
  costMicros: number;
  provisional: boolean;
  idempotencyKey: string;
  occurredAt: Date;
}

export interface UsageItem {
  session: SessionRow;
  seconds?: { quantity: number; provisional: boolean; occurredAt: Date; idempotencyKey: string };
  characters?: { quantity: number; occurredAt: Date; idempotencyKey: string };
}

/** Whether each kind of event went in (false: a replay, or nothing to meter). */
export interface UsageOutcome {
  seconds: boolean;
  characters: boolean;
}

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The seconds rule for one session, given its existing seconds events: a key seen before is a
 * replay; once an authoritative figure exists nothing replaces it; otherwise the new figure
 * goes in and replaces the provisional one if there is one.
 */
export function decideSeconds(
  existing: Pick<UsageEventRow, "id" | "idempotencyKey" | "provisional">[],
  input: { provisional: boolean; idempotencyKey: string },
): { apply: false } | { apply: true; replaces: string | null } {
  if (existing.some((e) => e.idempotencyKey === input.idempotencyKey)) return { apply: false };
  if (existing.some((e) => !e.provisional)) return { apply: false };
  return { apply: true, replaces: existing.find((e) => e.provisional)?.id ?? null };
}

/** Micros per second for each session's provider (the partner's add-on rate, else the table), and per character. */
async function ratesFor(tx: Tx, sessions: SessionRow[]) {
  const premium = [
    ...new Set(sessions.filter((s) => s.provider === "elevenlabs").map((s) => s.partnerId)),
  ];
  const [table, addonRows] = await Promise.all([
    tx.select().from(rates).prepare("usage_rates").execute(),
    premium.length > 0
      ? tx
          .select({
            partnerId: subscriptionAddons.partnerId,
            perMinute: subscriptionAddons.rateMicrosPerMinute,
          })
          .from(subscriptionAddons)
          .where(
            sql`${anyOf(subscriptionAddons.partnerId, premium)} and ${eq(subscriptionAddons.addonKey, "premium_voices")}`,
          )
          .prepare("usage_addon_rates")
          .execute()
      : [],
  ]);
  const byKey = new Map(table.map((r) => [r.key, r.microsPerUnit] as const));
  const addons = new Map<string, number | null>();
  for (const r of addonRows) if (!addons.has(r.partnerId)) addons.set(r.partnerId, r.perMinute);
  return {
    perSecond(session: SessionRow): number {
      const addon = session.provider === "elevenlabs" ? addons.get(session.partnerId) : null;
      if (addon != null) return addon / 60;
      return byKey.get(`${session.provider}.seconds`) ?? 0;
    },
    perCharacter: byKey.get("elevenlabs.characters") ?? 0,
  };
}

/** What metering a set of sessions needs to know: their seconds events so far, and the rates. */
export interface UsageContext {
  existing: UsageEventRow[];
  rate: Awaited<ReturnType<typeof ratesFor>>;
}

/** Reads the context for `sessions` (whose row locks the caller holds), in one round trip. */
export async function readUsageContext(tx: Tx, sessions: SessionRow[]): Promise<UsageContext> {
  const ids = sessions.map((s) => s.id);
  const [existing, rate] = await Promise.all([
    ids.length > 0
      ? tx
          .select()
          .from(usageEvents)
          .where(sql`${anyOf(usageEvents.sessionId, ids)} and ${eq(usageEvents.kind, "seconds")}`)
          .prepare("usage_seconds_events")
          .execute()
      : [],
    ratesFor(tx, sessions),
  ]);
  return { existing, rate };
}

/**
 * Inserts the events of `items` (at most one item per session; the caller holds the
 * sessions' row locks when seconds are involved) and adds their rollup, quota and session
 * changes to `writes`. Characters are metered for premium voices only: standard voices are
 * included in the plan.
 */
export async function insertUsage(
  tx: Tx,
  newId: Services["newId"],
  context: UsageContext,
  items: UsageItem[],
  writes: PendingWrites,
): Promise<UsageOutcome[]> {
  const { existing, rate } = context;
  const decisions = items.map((item) =>
    item.seconds
      ? decideSeconds(
          existing.filter((e) => e.sessionId === item.session.id),
          item.seconds,
        )
      : ({ apply: false } as const),
  );
  const metered = items.map(
    (item) =>
      item.session.provider === "elevenlabs" &&
      item.characters !== undefined &&
      item.characters.quantity > 0,
  );
  const rows: EventRow[] = [];
  const costs = items.map((item, i) => {
    const { session } = item;
    const base = {
      partnerId: session.partnerId,
      agentId: session.agentId,
      sessionId: session.id,
      provider: session.provider,
    };
    let seconds = 0;
    let characters = 0;
    if (decisions[i]?.apply && item.seconds) {
      seconds = Math.round(item.seconds.quantity * rate.perSecond(session));
      rows.push({
        ...base,
        id: newId("use"),
        kind: "seconds",
        quantity: item.seconds.quantity,
        costMicros: seconds,
        provisional: item.seconds.provisional,
        idempotencyKey: item.seconds.idempotencyKey,
        occurredAt: item.seconds.occurredAt,
      });
    }
    if (metered[i] && item.characters) {
      characters = item.characters.quantity * rate.perCharacter;
      rows.push({
        ...base,
        id: newId("use"),
        kind: "characters",
        quantity: item.characters.quantity,
        costMicros: characters,
        provisional: false,
        idempotencyKey: item.characters.idempotencyKey,
        occurredAt: item.characters.occurredAt,
      });
    }
    return { seconds, characters };
  });
  const inserted = new Set(
    rows.length > 0
      ? (
          await tx
            .insert(usageEvents)
            // Columns in the table's order, which `insert … select` fills.
            .select(
              sql`select *, now() from ${arrayRows({
                id: ["text", rows.map((r) => r.id)],
                partner_id: ["text", rows.map((r) => r.partnerId)],
                agent_id: ["text", rows.map((r) => r.agentId)],
                session_id: ["text", rows.map((r) => r.sessionId)],
                provider: ["text", rows.map((r) => r.provider)],
                kind: ["text", rows.map((r) => r.kind)],
                quantity: ["bigint", rows.map((r) => r.quantity)],
                cost_micros: ["bigint", rows.map((r) => r.costMicros)],
                provisional: ["boolean", rows.map((r) => r.provisional)],
                idempotency_key: ["text", rows.map((r) => r.idempotencyKey)],
                occurred_at: ["timestamptz", rows.map((r) => r.occurredAt.toISOString())],
              })} as v`,
            )
            .onConflictDoNothing()
            .returning({ key: usageEvents.idempotencyKey })
            .prepare("usage_insert_events")
            .execute()
        ).map((r) => r.key)
      : [],
  );

  const outcomes = items.map((item, i): UsageOutcome => {
    const { session } = item;
    const decision = decisions[i];
    const cost = costs[i] ?? { seconds: 0, characters: 0 };
    const seconds = item.seconds && inserted.has(item.seconds.idempotencyKey) ? item.seconds : null;
    const characters =
      metered[i] && item.characters && inserted.has(item.characters.idempotencyKey)
        ? item.characters
        : null;
    if (seconds && decision?.apply && decision.replaces) {
      const old = existing.find((e) => e.id === decision.replaces);
      if (old) {
        writes.replaced.push(old.id);
        addRollup(writes, session, dayOf(old.occurredAt), {
          sessions: -1,
          seconds: -old.quantity,
          costMicros: -old.costMicros,
        });
        addQuotaChange(writes, session, { used: -old.quantity });
      }
    }
    if (seconds) {
      addRollup(writes, session, dayOf(seconds.occurredAt), {
        sessions: 1,
        seconds: seconds.quantity,
        costMicros: cost.seconds,
      });
      addQuotaChange(writes, session, { used: seconds.quantity });
    }
    if (characters) {
      addRollup(writes, session, dayOf(characters.occurredAt), {
        characters: characters.quantity,
        costMicros: cost.characters,
      });
    }
    if (seconds || characters) {
      writes.sessions.set(session.id, {
        replace: seconds !== null,
        cost: (seconds ? cost.seconds : 0) + (characters ? cost.characters : 0),
        duration: seconds ? seconds.quantity : null,
      });
    }
    return { seconds: seconds !== null, characters: characters !== null };
  });
  return outcomes;
}

/** Reads the context, then inserts: `insertUsage` for callers with nothing to do in between. */
export async function applyUsage(
  tx: Tx,
  newId: Services["newId"],
  items: UsageItem[],
  writes: PendingWrites,
): Promise<UsageOutcome[]> {
  const context = await readUsageContext(
    tx,
    items.map((i) => i.session),
  );
  return insertUsage(tx, newId, context, items, writes);
}

/** Locks the sessions' rows in id order: serialises the webhook and the widget's /end for each. */
export async function lockSessions(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(voiceSessions)
    .where(anyOf(voiceSessions.id, ids))
    .orderBy(voiceSessions.id)
    .for("update")
    .prepare("usage_lock_sessions")
    .execute();
}

/**
 * Records the seconds of one session. Returns false when nothing changed (a replay, or a
 * provisional figure arriving after the authoritative one).
 */
export async function recordSessionUsage(
  services: Services,
  session: SessionRow,
  input: UsageInput,
): Promise<boolean> {
  const key = input.idempotencyKey ?? `${input.provisional ? "prov" : "final"}:${session.id}`;
  return services.database.db.transaction(async (tx) => {
    await lockSessions(tx, [session.id]);
    const writes = newPendingWrites();
    const [outcome] = await applyUsage(
      tx,
      services.newId,
      [
        {
          session,
          seconds: {
            quantity: input.seconds,
            provisional: input.provisional,
            occurredAt: input.occurredAt,
            idempotencyKey: key,
          },
        },
      ],
      writes,
    );
    await writePending(tx, writes);
    return outcome?.seconds ?? false;
  });
}

/**
 * Meters the characters a premium voice spoke in one call (design §9), once per key. Standard
 * voices are included in the plan, so only ElevenLabs sessions are charged.
 */
export async function recordSessionCharacters(
  services: Services,
  session: SessionRow,
  input: { characters: number; occurredAt: Date; idempotencyKey: string },
): Promise<boolean> {
  if (session.provider !== "elevenlabs" || input.characters <= 0) return false;
  return services.database.db.transaction(async (tx) => {
    const writes = newPendingWrites();
    const [outcome] = await applyUsage(
      tx,
      services.newId,
      [
        {
          session,
          characters: {
            quantity: input.characters,
            occurredAt: input.occurredAt,
            idempotencyKey: input.idempotencyKey,
          },
        },
      ],
      writes,
    );
    await writePending(tx, writes);
    return outcome?.characters ?? false;
  });
}
