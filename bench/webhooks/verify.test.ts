import { describe, expect, it } from "vitest";
import {
  checkAnswers,
  checkSessions,
  compareSums,
  type ExpectedCall,
  Problems,
  type RollupRow,
  rollupDelta,
  type SessionRow,
  sumEvents,
  totalOf,
  type UsageEventRow,
} from "./verify";

const call: ExpectedCall = {
  sessionId: "ses_1",
  conversationId: "conv_1",
  seconds: 60,
  characters: 40,
};

const event = (over: Partial<UsageEventRow>): UsageEventRow => ({
  sessionId: "ses_1",
  agentId: "agt_1",
  provider: "elevenlabs",
  day: "2026-12-04",
  kind: "seconds",
  quantity: 60,
  costMicros: 120_000,
  provisional: false,
  idempotencyKey: "elevenlabs:conv_1",
  ...over,
});
const seconds = event({});
const characters = event({
  kind: "characters",
  quantity: 40,
  costMicros: 12_000,
  idempotencyKey: "elevenlabs:conv_1:characters",
});
const session: SessionRow = {
  id: "ses_1",
  status: "ended",
  durationSeconds: 60,
  providerConversationId: "conv_1",
  costMicros: 132_000,
};

describe("webhook bench verification", () => {
  it("accepts a session recorded exactly once", () => {
    const problems = new Problems();
    checkSessions([call], [session], [seconds, characters], problems);
    expect(problems.count).toBe(0);
  });

  it("flags a doubled, lost, provisional or wrong event, and a wrong session row", () => {
    const cases: [SessionRow[], UsageEventRow[]][] = [
      [[session], [seconds, seconds, characters]],
      [[session], [characters]],
      [[session], [event({ provisional: true }), characters]],
      [[session], [event({ quantity: 61 }), characters]],
      [[session], [seconds]],
      [[{ ...session, durationSeconds: 5 }], [seconds, characters]],
      [[{ ...session, costMicros: 1 }], [seconds, characters]],
      [[], [seconds, characters]],
      [[session], [seconds, characters, event({ sessionId: "ses_other" })]],
    ];
    for (const [rows, events] of cases) {
      const problems = new Problems();
      checkSessions([call], rows, events, problems);
      expect(problems.count, JSON.stringify(events)).toBeGreaterThan(0);
    }
  });

  it("wants one applied answer per event and 200 for every delivery", () => {
    const deliveries = [{ event: 0 }, { event: 0 }, { event: 1 }];
    const ok = new Problems();
    expect(
      checkAnswers(deliveries, [200, 200, 200], ["applied", "duplicate", "applied"], 2, ok),
    ).toEqual({
      applied: 2,
      duplicate: 1,
    });
    expect(ok.count).toBe(0);
    const twice = new Problems();
    checkAnswers(deliveries, [200, 200, 200], ["applied", "applied", "applied"], 2, twice);
    expect(twice.list).toEqual(['event 0 answered "applied" 2 times']);
    const lost = new Problems();
    checkAnswers(deliveries, [200, 0, 500], ["applied", "", ""], 2, lost);
    expect(lost.count).toBe(3);
  });

  it("compares what the rollups gained with the events, per day, agent and provider", () => {
    const row = (over: Partial<RollupRow>): RollupRow => ({
      agentId: "agt_1",
      provider: "elevenlabs",
      day: "2026-12-04",
      sessions: 10,
      seconds: 100,
      characters: 0,
      costMicros: 5,
      ...over,
    });
    const before = [row({})];
    const after = [row({ sessions: 11, seconds: 160, characters: 40, costMicros: 132_005 })];
    const delta = rollupDelta(before, after);
    const fromEvents = sumEvents([seconds, characters]);
    const fine = new Problems();
    compareSums("gained", delta, fromEvents, fine);
    expect(fine.count).toBe(0);
    expect(totalOf(delta.values())).toEqual({
      sessions: 1,
      seconds: 60,
      characters: 40,
      costMicros: 132_000,
    });
    const doubled = new Problems();
    compareSums("gained", delta, sumEvents([seconds, seconds, characters]), doubled);
    expect(doubled.count).toBe(1);
  });

  it("lists at most ten problems but counts them all", () => {
    const problems = new Problems();
    for (let i = 0; i < 25; i++) problems.add(`p${i}`);
    expect(problems.count).toBe(25);
    expect(problems.list).toHaveLength(10);
  });
});
