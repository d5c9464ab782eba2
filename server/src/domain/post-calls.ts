/**
 * Applies verified ElevenLabs post-call events (design §8–§9), many per transaction: each
 * event is claimed in webhook_events, its session ended (the reservation given back) with the
 * authoritative duration and transcript, and its seconds and characters metered — the claim
 * and everything it causes commit together, so an event is either wholly applied or not
 * claimed at all (a failed attempt is applied by the provider's retry, never skipped as a
 * duplicate). Within one transaction each session appears once: a second event for the same
 * session waits for the next round.
 */
import { sql } from "drizzle-orm";
import { anyOf, arrayRows } from "../db/arrays";
import { voiceSessions, webhookEvents } from "../db/schema";
import type { Services } from "../services";
import { insertUsage, readUsageContext, type Tx, type UsageContext, type UsageItem } from "./usage";
import { addQuotaChange, newPendingWrites, writePending } from "./usage-writes";

export type WebhookOutcome = "applied" | "duplicate" | "ignored";

export interface PostCallEvent {
  type: string;
  conversationId: string;
  /** `parley_session_id` from the call's dynamic variables, when the page's call set it. */
  sessionId: string | null;
  seconds: number;
  transcript: { role: "user" | "agent"; text: string; atSeconds: number }[];
  endReason: string;
}

type SessionRow = typeof voiceSessions.$inferSelect;

/** What identifies an event's session before it is looked up. */
const sessionKey = (e: PostCallEvent) => e.sessionId ?? `conversation:${e.conversationId}`;

/**
 * Splits a batch into rounds in which no session key repeats, keeping arrival order: the
 * first event for each key in round one, the second in round two, and so on.
 */
export function roundsOf(events: PostCallEvent[]): number[][] {
  const seen = new Map<string, number>();
  const rounds: number[][] = [];
  events.forEach((e, i) => {
    const n = seen.get(sessionKey(e)) ?? 0;
    seen.set(sessionKey(e), n + 1);
    const round = rounds[n] ?? [];
    round.push(i);
    rounds[n] = round;
  });
  return rounds;
}

/** Settles a batch; one outcome per event, in order. */
export async function settlePostCalls(
  services: Services,
  events: PostCallEvent[],
): Promise<WebhookOutcome[]> {
  // An exact repeat (same session key, same conversation) gets what a replay after the first
  // would get: `duplicate` once the first was claimed, `ignored` if its session is unknown.
  const firstOf = new Map<string, number>();
  const repeatOf = events.map((e, i) => {
    const key = `${sessionKey(e)}|${e.conversationId}`;
    const first = firstOf.get(key);
    if (first === undefined) firstOf.set(key, i);
    return first ?? null;
  });
  const outcomes = new Array<WebhookOutcome | undefined>(events.length);
  let pending = events.flatMap((_, i) => (repeatOf[i] === null ? [i] : []));
  while (pending.length > 0) {
    const rounds = roundsOf(pending.map((i) => events[i] as PostCallEvent));
    const round = (rounds[0] ?? []).map((k) => pending[k] as number);
    const settled = await settleRound(
      services,
      round.map((i) => events[i] as PostCallEvent),
    );
    round.forEach((i, k) => {
      outcomes[i] = settled[k] ?? undefined;
    });
    // The rest — other conversations for a session of this round, and any event whose
    // session another event of the round resolved to — go in the next round.
    pending = pending.filter((i) => outcomes[i] === undefined);
  }
  return events.map((_, i) => {
    const first = repeatOf[i];
    if (first === null || first === undefined) return outcomes[i] ?? "ignored";
    return outcomes[first] === "ignored" ? "ignored" : "duplicate";
  });
}

/**
 * One transaction. Answers null for an event whose session another event of the round
 * already resolved to (looked up by conversation id), so it can go in the next round.
 */
async function settleRound(
  services: Services,
  events: PostCallEvent[],
): Promise<(WebhookOutcome | null)[]> {
  const now = services.now();
  return services.database.db.transaction(async (tx) => {
    const sessions = await lockEventSessions(tx, events);
    const taken = new Set<string>();
    const conversations = new Set<string>();
    const matched = events.map((e) => {
      // One claim per conversation per round: a repeat under another session key goes again.
      if (conversations.has(e.conversationId)) return { session: undefined, again: true };
      conversations.add(e.conversationId);
      const session =
        e.sessionId !== null
          ? sessions.find((s) => s.id === e.sessionId)
          : sessions.find((s) => s.providerConversationId === e.conversationId);
      if (!session) return { session: undefined, again: false };
      if (taken.has(session.id)) return { session: undefined, again: true };
      taken.add(session.id);
      return { session, again: false };
    });
    const known = events.flatMap((e, i) => {
      const session = matched[i]?.session;
      return session ? [{ event: e, session }] : [];
    });
    for (const m of matched) {
      if (!m.session && !m.again) {
        services.log.warn("webhook for an unknown session", { provider: "elevenlabs" });
      }
    }
    // The claim and what metering needs to know, in one round trip.
    const [claims, context] = await Promise.all([
      known.length > 0
        ? tx
            .insert(webhookEvents)
            .select(
              sql`select 'elevenlabs', event_id, type, now() from ${arrayRows({
                event_id: ["text", known.map(({ event }) => event.conversationId)],
                type: ["text", known.map(({ event }) => event.type)],
              })} as e`,
            )
            .onConflictDoNothing()
            .returning({ id: webhookEvents.eventId })
            .prepare("post_calls_claim")
            .execute()
        : [],
      readUsageContext(
        tx,
        known.map((k) => k.session),
      ),
    ]);
    const claimed = new Set(claims.map((r) => r.id));
    const applying = known.filter(({ event }) => claimed.has(event.conversationId));
    if (applying.length > 0) await apply(tx, services, applying, context, now);
    return events.map((e, i) => {
      const m = matched[i];
      if (m?.again) return null;
      if (!m?.session) return "ignored";
      return claimed.has(e.conversationId) ? "applied" : "duplicate";
    });
  });
}

/** The sessions the events name (by id, else by conversation), locked in id order. */
async function lockEventSessions(tx: Tx, events: PostCallEvent[]): Promise<SessionRow[]> {
  const ids = events.flatMap((e) => (e.sessionId !== null ? [e.sessionId] : []));
  const conversations = events.flatMap((e) => (e.sessionId === null ? [e.conversationId] : []));
  // Both lists always, possibly empty: one statement text.
  return tx
    .select()
    .from(voiceSessions)
    .where(
      sql`${anyOf(voiceSessions.id, ids)} or ${anyOf(voiceSessions.providerConversationId, conversations)}`,
    )
    .orderBy(voiceSessions.id)
    .for("update")
    .prepare("post_calls_lock_sessions")
    .execute();
}

const isLive = (s: SessionRow) => s.status === "issued" || s.status === "connected";

async function apply(
  tx: Tx,
  services: Services,
  applying: { event: PostCallEvent; session: SessionRow }[],
  context: UsageContext,
  now: Date,
) {
  const writes = newPendingWrites();
  // A live session ends here: its reservation and live slot are given back (finishSession's
  // rule, for many sessions in this transaction).
  for (const { session } of applying) {
    if (isLive(session))
      addQuotaChange(writes, session, { reserved: session.reservedSeconds, live: 1 });
  }
  const at = now.toISOString();
  const wasLive = sql`${voiceSessions.status} in ('issued', 'connected')`;
  const ended = tx
    .update(voiceSessions)
    .set({
      status: sql`case when ${wasLive} then 'ended' else ${voiceSessions.status} end`,
      endReason: sql`case when ${wasLive} then v.reason else ${voiceSessions.endReason} end`,
      endedAt: sql`case when ${wasLive} then ${at}::timestamptz
                        else coalesce(${voiceSessions.endedAt}, ${at}::timestamptz) end`,
      durationSeconds: sql`v.seconds`,
      transcript: sql`v.transcript`,
      providerConversationId: sql`v.conversation`,
    })
    .from(
      sql`${arrayRows({
        id: ["text", applying.map(({ session }) => session.id)],
        reason: ["text", applying.map(({ event }) => event.endReason)],
        seconds: ["int", applying.map(({ event }) => event.seconds)],
        transcript: ["jsonb", applying.map(({ event }) => JSON.stringify(event.transcript))],
        conversation: ["text", applying.map(({ event }) => event.conversationId)],
      })} as v`,
    )
    .where(sql`${voiceSessions.id} = v.id`)
    .prepare("post_calls_end_sessions")
    .execute();
  const items: UsageItem[] = applying.map(({ event, session }) => {
    const occurredAt = session.connectedAt ?? session.issuedAt;
    return {
      session,
      seconds: {
        quantity: event.seconds,
        provisional: false,
        occurredAt,
        idempotencyKey: `elevenlabs:${event.conversationId}`,
      },
      characters: {
        quantity: event.transcript
          .filter((t) => t.role === "agent")
          .reduce((n, t) => n + [...t.text].length, 0),
        occurredAt,
        idempotencyKey: `elevenlabs:${event.conversationId}:characters`,
      },
    };
  });
  await Promise.all([ended, insertUsage(tx, services.newId, context, items, writes)]);
  await writePending(tx, writes);
}
