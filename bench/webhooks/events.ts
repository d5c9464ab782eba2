/**
 * The webhook benchmark's traffic as plain data: one ElevenLabs post-call event per session
 * (built by the server's own simulator, so the body is the provider's shape), the delivery
 * plan that replays some events and shuffles everything, and the split of that plan over
 * autocannon's connections. Seeded, so a run can be repeated exactly.
 */
import { mulberry32 } from "../../server/src/db/seed/demo-history";
import { postCallTranscription } from "../../server/src/providers/simulator/webhook";

/** The demo seed's generator: seeded, so a run can be repeated exactly. */
export const seededRandom = mulberry32;

const agentLines = [
  "Good day, thank you for calling Acme Dental & Co. How may I help you?",
  "I can book that for Tuesday at ten. Does that work?",
  "¿Prefiere la cita por la mañana o por la tarde?",
  "Your appointment is confirmed. See you soon! 😊",
  "Let me check the calendar for you.",
];
const userLines = [
  "Hi, I'd like to book a cleaning.",
  "Tuesday is fine.",
  "Por la mañana, por favor.",
  "Thanks, bye!",
];

export interface CallEvent {
  sessionId: string;
  conversationId: string;
  /** The authoritative figures the server must end up with for this session. */
  seconds: number;
  characters: number;
  /** The raw JSON body, exactly as it is signed and sent. */
  body: string;
}

/**
 * A finished call of 10–900 s with 2–12 turns, as ElevenLabs posts it. `characters` counts
 * what the agent said in code points, the unit the server meters premium voices in.
 */
export function callEvent(
  random: () => number,
  session: { id: string; connectedAtMs: number },
): CallEvent {
  const seconds = 10 + Math.floor(random() * 891);
  const turns = 2 + Math.floor(random() * 11);
  const pick = (lines: string[]) => lines[Math.floor(random() * lines.length)] ?? "";
  const transcript = Array.from({ length: turns }, (_, i) => ({
    role: i % 2 === 0 ? ("agent" as const) : ("user" as const),
    message: i % 2 === 0 ? pick(agentLines) : pick(userLines),
    time_in_call_secs: Math.floor((i * seconds) / turns),
  }));
  const conversationId = `conv_${session.id.slice(4)}`;
  const body = postCallTranscription({
    agentId: "parley-default",
    conversationId,
    startedAtMs: session.connectedAtMs,
    endedAtMs: session.connectedAtMs + seconds * 1000,
    terminationReason: "Client disconnected.",
    transcript,
    conversationConfigOverride: {},
    dynamicVariables: { parley_session_id: session.id },
    userId: null,
    hadUserAudio: true,
    hadAgentAudio: true,
  });
  const characters = transcript
    .filter((t) => t.role === "agent")
    .reduce((n, t) => n + [...t.message].length, 0);
  return { sessionId: session.id, conversationId, seconds, characters, body: JSON.stringify(body) };
}

/**
 * `original`: the first delivery. `replay`: the same bytes and signature again (a retry after
 * a lost answer). `resent`: the same body signed again later (a retry after a timeout).
 */
export type DeliveryKind = "original" | "replay" | "resent";

export interface Delivery {
  event: number;
  kind: DeliveryKind;
}

/**
 * Every event once, plus one extra delivery for `duplicateShare` of them; the whole list is
 * shuffled. Half of the extra deliveries come right after their original (with the
 * round-robin split below they are in flight at the same time, on neighbouring
 * connections), half anywhere — before the original as often as after it.
 */
export function planDeliveries(
  events: number,
  duplicateShare: number,
  random: () => number,
): Delivery[] {
  const rank = Array.from({ length: events }, (_, i) => i);
  for (let i = events - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rank[i], rank[j]] = [rank[j] ?? j, rank[i] ?? i];
  }
  const placed: { at: number; delivery: Delivery }[] = rank.map((event, position) => ({
    at: position,
    delivery: { event, kind: "original" },
  }));
  const duplicated = Math.round(events * duplicateShare);
  for (let k = 0; k < duplicated; k++) {
    const position = Math.floor((k * events) / duplicated);
    const event = rank[position] ?? 0;
    const kind: DeliveryKind = k % 2 === 0 ? "replay" : "resent";
    const racing = k % 4 < 2;
    placed.push({ at: racing ? position + 0.5 : random() * events, delivery: { event, kind } });
  }
  return placed.sort((a, b) => a.at - b.at).map((p) => p.delivery);
}

/**
 * What each of `connections` sends, in order: delivery i goes to connection i mod
 * `connections`, so neighbours in the plan are in flight together. The sizes match
 * autocannon's own split of `amount` over its connections.
 */
export function splitRoundRobin<T>(items: T[], connections: number): T[][] {
  const slices: T[][] = Array.from({ length: Math.min(connections, items.length) }, () => []);
  items.forEach((item, i) => {
    slices[i % slices.length]?.push(item);
  });
  return slices;
}
