/**
 * Metering (design §9). A usage event is idempotent by its key; the daily rollup and the
 * period's quota counter move in the same transaction as the event, so dashboards and
 * quota (which read rollups) always agree with the events. The widget's `/end` figure is
 * provisional: when the provider's authoritative figure arrives it replaces it (the
 * provisional event is deleted and its amounts subtracted), it is never added to it.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  quotaCounters,
  rates,
  subscriptionAddons,
  usageDaily,
  usageEvents,
  voiceSessions,
} from "../db/schema";
import type { Services } from "../services";
import { periodStartOf } from "./quota";

type SessionRow = typeof voiceSessions.$inferSelect;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface UsageInput {
  seconds: number;
  provisional: boolean;
  occurredAt: Date;
  /** Defaults to `prov:<session>` or `final:<session>`. */
  idempotencyKey?: string;
}

/** Micros per second for a session's provider: the partner's add-on rate, else the table. */
async function ratePerSecond(tx: Tx, session: SessionRow): Promise<number> {
  if (session.provider === "elevenlabs") {
    const [addon] = await tx
      .select({ perMinute: subscriptionAddons.rateMicrosPerMinute })
      .from(subscriptionAddons)
      .where(
        and(
          eq(subscriptionAddons.partnerId, session.partnerId),
          eq(subscriptionAddons.addonKey, "premium_voices"),
        ),
      );
    if (addon?.perMinute != null) return addon.perMinute / 60;
  }
  const [rate] = await tx
    .select()
    .from(rates)
    .where(eq(rates.key, `${session.provider}.seconds`));
  return rate?.microsPerUnit ?? 0;
}

async function applyToRollups(
  tx: Tx,
  session: SessionRow,
  day: string,
  seconds: number,
  cost: number,
  sessions: number,
) {
  await tx
    .insert(usageDaily)
    .values({
      partnerId: session.partnerId,
      agentId: session.agentId,
      provider: session.provider,
      day,
      sessions,
      seconds,
      costMicros: cost,
    })
    .onConflictDoUpdate({
      target: [usageDaily.partnerId, usageDaily.day, usageDaily.agentId, usageDaily.provider],
      set: {
        sessions: sql`${usageDaily.sessions} + ${sessions}`,
        seconds: sql`${usageDaily.seconds} + ${seconds}`,
        costMicros: sql`${usageDaily.costMicros} + ${cost}`,
      },
    });
  await tx
    .update(quotaCounters)
    .set({ usedSeconds: sql`greatest(${quotaCounters.usedSeconds} + ${seconds}, 0)` })
    .where(
      and(
        eq(quotaCounters.partnerId, session.partnerId),
        eq(quotaCounters.periodStart, periodStartOf(session.issuedAt)),
      ),
    );
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
    // Serialises the webhook and the widget's /end for one session.
    await tx
      .select({ id: voiceSessions.id })
      .from(voiceSessions)
      .where(eq(voiceSessions.id, session.id))
      .for("update");
    const existing = await tx
      .select()
      .from(usageEvents)
      .where(and(eq(usageEvents.sessionId, session.id), eq(usageEvents.kind, "seconds")));
    if (existing.some((e) => e.idempotencyKey === key)) return false;
    const final = existing.find((e) => !e.provisional);
    if (input.provisional && final) return false;
    if (!input.provisional && final) return false;

    const provisional = existing.find((e) => e.provisional);
    if (provisional) {
      await tx.delete(usageEvents).where(eq(usageEvents.id, provisional.id));
      const day = provisional.occurredAt.toISOString().slice(0, 10);
      await applyToRollups(tx, session, day, -provisional.quantity, -provisional.costMicros, -1);
    }
    const cost = Math.round(input.seconds * (await ratePerSecond(tx, session)));
    const inserted = await tx
      .insert(usageEvents)
      .values({
        id: services.newId("use"),
        partnerId: session.partnerId,
        agentId: session.agentId,
        sessionId: session.id,
        provider: session.provider,
        kind: "seconds",
        quantity: input.seconds,
        costMicros: cost,
        provisional: input.provisional,
        idempotencyKey: key,
        occurredAt: input.occurredAt,
      })
      .onConflictDoNothing()
      .returning({ id: usageEvents.id });
    if (inserted.length === 0) return false;
    await applyToRollups(
      tx,
      session,
      input.occurredAt.toISOString().slice(0, 10),
      input.seconds,
      cost,
      1,
    );
    await tx
      .update(voiceSessions)
      .set({ costMicros: cost, durationSeconds: input.seconds })
      .where(eq(voiceSessions.id, session.id));
    return true;
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
    const [rate] = await tx.select().from(rates).where(eq(rates.key, "elevenlabs.characters"));
    const cost = input.characters * (rate?.microsPerUnit ?? 0);
    const inserted = await tx
      .insert(usageEvents)
      .values({
        id: services.newId("use"),
        partnerId: session.partnerId,
        agentId: session.agentId,
        sessionId: session.id,
        provider: session.provider,
        kind: "characters",
        quantity: input.characters,
        costMicros: cost,
        idempotencyKey: input.idempotencyKey,
        occurredAt: input.occurredAt,
      })
      .onConflictDoNothing()
      .returning({ id: usageEvents.id });
    if (inserted.length === 0) return false;
    const day = input.occurredAt.toISOString().slice(0, 10);
    await tx
      .insert(usageDaily)
      .values({
        partnerId: session.partnerId,
        agentId: session.agentId,
        provider: session.provider,
        day,
        characters: input.characters,
        costMicros: cost,
      })
      .onConflictDoUpdate({
        target: [usageDaily.partnerId, usageDaily.day, usageDaily.agentId, usageDaily.provider],
        set: {
          characters: sql`${usageDaily.characters} + ${input.characters}`,
          costMicros: sql`${usageDaily.costMicros} + ${cost}`,
        },
      });
    await tx
      .update(voiceSessions)
      .set({ costMicros: sql`${voiceSessions.costMicros} + ${cost}` })
      .where(eq(voiceSessions.id, session.id));
    return true;
  });
}
