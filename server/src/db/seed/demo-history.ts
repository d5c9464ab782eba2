/**
 * Four weeks of believable past conversations for the demo (design §9): sessions with short
 * transcripts, their usage events and the daily rollups and quota those events imply. Pure:
 * the same seed and clock give the same history, so screenshots and tests stay stable.
 */

import { idGenerator } from "../ids";
import type {
  agents,
  TranscriptLine,
  usageDaily,
  usageEvents,
  VoiceProvider,
  voiceSessions,
} from "../schema";

type SessionRow = typeof voiceSessions.$inferInsert;
type EventRow = typeof usageEvents.$inferInsert;
type DailyRow = typeof usageDaily.$inferInsert;
type AgentRow = Pick<
  typeof agents.$inferSelect,
  | "id"
  | "partnerId"
  | "personaId"
  | "voiceProvider"
  | "voiceId"
  | "fallbackVoiceId"
  | "maxDurationSeconds"
>;

/** mulberry32: a tiny seeded PRNG, good enough for demo data and identical everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TrafficPattern {
  agent: AgentRow;
  /** Calls per day, inclusive range, on weekdays and at weekends (Sunday/Saturday). */
  weekday: [number, number];
  weekend: [number, number];
  /** UTC hours in which calls start, [from, to). */
  hours: [number, number];
  /** Each script is up to six lines; a call keeps its first two to six. */
  scripts: readonly (readonly [string, string, string, string, string, string])[];
  /**
   * Why a premium agent ends up on a standard voice: `not_entitled` for every call of a
   * partner without premium voices, else `provider_down` for an occasional outage.
   */
  fallback: "not_entitled" | "provider_down";
}

export interface History {
  sessions: SessionRow[];
  events: EventRow[];
  daily: DailyRow[];
}

const day = 86_400_000;
const between = (rand: () => number, [lo, hi]: [number, number]) =>
  lo + Math.floor(rand() * (hi - lo + 1));

function transcriptOf(
  script: readonly string[],
  lines: number,
  duration: number,
): TranscriptLine[] {
  const step = duration / lines;
  return script.slice(0, lines).map((text, i) => ({
    role: i % 2 === 0 ? "agent" : "user",
    text,
    atSeconds: Math.round(i * step * 10) / 10,
  }));
}

/**
 * Builds the calls of the `days` days before `now` (today's only if already over). Costs use
 * `micros per second` by provider, as the metering code reads them from the rates table.
 */
export function buildHistory(input: {
  now: Date;
  days: number;
  seed: number;
  origin: string;
  patterns: TrafficPattern[];
  microsPerSecond: Record<VoiceProvider, number>;
}): History {
  const rand = mulberry32(input.seed);
  const sessions: SessionRow[] = [];
  const events: EventRow[] = [];
  const today = Math.floor(input.now.getTime() / day) * day;
  const latestEnd = input.now.getTime() - 60_000;

  for (let d = input.days - 1; d >= 0; d--) {
    const dayStart = today - d * day;
    const weekday = new Date(dayStart).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    for (const pattern of input.patterns) {
      const calls = between(rand, weekend ? pattern.weekend : pattern.weekday);
      for (let c = 0; c < calls; c++) {
        const [fromHour, toHour] = pattern.hours;
        const startMs =
          dayStart + fromHour * 3_600_000 + Math.floor(rand() * (toHour - fromHour) * 3_600_000);
        const outcome = rand();
        const premium = pattern.agent.voiceProvider === "elevenlabs";
        const fellBack = premium && (pattern.fallback === "not_entitled" || rand() < 0.1);
        // Short calls are common, long ones rare: a skewed 30–400 s.
        const duration = 30 + Math.floor(rand() ** 1.7 * 370);
        const script = pattern.scripts[Math.floor(rand() * pattern.scripts.length)] ?? [];
        const lines = between(rand, [2, 6]);
        const connectDelay = 1_000 + Math.floor(rand() * 3_000);
        const agentHungUp = rand() < 0.3;
        const issuedAt = new Date(startMs);
        const expiresAt = new Date(startMs + 120_000);
        const status = outcome < 0.03 ? "failed" : outcome < 0.06 ? "expired" : "ended";
        const endMs =
          status === "ended"
            ? startMs + connectDelay + duration * 1000
            : status === "expired"
              ? startMs + 180_000
              : startMs + connectDelay;
        if (endMs > latestEnd) continue;
        const provider: VoiceProvider = fellBack ? "openai" : pattern.agent.voiceProvider;
        const session: SessionRow = {
          id: idGenerator(() => issuedAt)("ses"),
          partnerId: pattern.agent.partnerId,
          agentId: pattern.agent.id,
          personaId: pattern.agent.personaId,
          provider,
          voiceId: fellBack ? pattern.agent.fallbackVoiceId : pattern.agent.voiceId,
          fallbackFrom: fellBack ? "elevenlabs" : null,
          fallbackReason: fellBack ? pattern.fallback : null,
          origin: input.origin,
          status,
          reservedSeconds: pattern.agent.maxDurationSeconds,
          issuedAt,
          expiresAt,
          endedAt: new Date(endMs),
          connectedAt: status === "ended" ? new Date(startMs + connectDelay) : null,
          lastHeartbeatAt: status === "ended" ? new Date(endMs) : null,
          durationSeconds: status === "ended" ? duration : null,
          endReason:
            status === "ended"
              ? agentHungUp
                ? "agent_ended"
                : "user_ended"
              : status === "expired"
                ? "token_expired"
                : "provider_unavailable",
          costMicros: 0,
          transcript: status === "ended" ? transcriptOf(script, lines, duration) : [],
        };
        sessions.push(session);
        if (status !== "ended") continue;
        const cost = Math.round(duration * input.microsPerSecond[provider]);
        session.costMicros = cost;
        const endedAt = new Date(endMs);
        events.push({
          id: idGenerator(() => endedAt)("use"),
          partnerId: session.partnerId,
          agentId: session.agentId,
          sessionId: session.id,
          provider,
          kind: "seconds",
          quantity: duration,
          costMicros: cost,
          provisional: false,
          idempotencyKey: `demo:${session.id}`,
          occurredAt: endedAt,
        });
      }
    }
  }
  return { sessions, events, daily: rollup(events) };
}

/** usage_daily rows that are exactly the sum of the events, per (partner, agent, provider, day). */
export function rollup(events: readonly EventRow[]): DailyRow[] {
  const rows = new Map<
    string,
    DailyRow & { sessions: number; seconds: number; costMicros: number }
  >();
  for (const e of events) {
    const dayKey = e.occurredAt.toISOString().slice(0, 10);
    const key = `${e.partnerId}|${e.agentId}|${e.provider}|${dayKey}`;
    const row = rows.get(key) ?? {
      partnerId: e.partnerId,
      agentId: e.agentId,
      provider: e.provider,
      day: dayKey,
      sessions: 0,
      seconds: 0,
      characters: 0,
      costMicros: 0,
    };
    row.sessions += 1;
    row.seconds += e.quantity;
    row.costMicros += e.costMicros ?? 0;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** Seconds of the events on or after `since`, per partner: the period's used quota. */
export function usedSecondsSince(events: readonly EventRow[], since: Date): Map<string, number> {
  const used = new Map<string, number>();
  for (const e of events) {
    if (e.occurredAt.getTime() < since.getTime()) continue;
    used.set(e.partnerId, (used.get(e.partnerId) ?? 0) + e.quantity);
  }
  return used;
}
