import { describe, expect, it } from "vitest";
import {
  signElevenLabsWebhook,
  verifyElevenLabsSignature,
} from "../../server/src/providers/elevenlabs";
import { callEvent, planDeliveries, seededRandom, splitRoundRobin } from "./events";

describe("webhook bench traffic", () => {
  it("repeats a seeded sequence exactly and stays in [0, 1)", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });

  it("builds a post-call body for the session, with the figures the server must record", () => {
    const event = callEvent(seededRandom(1), { id: "ses_ABC", connectedAtMs: 1_800_000_000_000 });
    const body = JSON.parse(event.body);
    expect(body.type).toBe("post_call_transcription");
    expect(body.data.conversation_id).toBe("conv_ABC");
    expect(body.data.metadata.call_duration_secs).toBe(event.seconds);
    expect(body.data.conversation_initiation_client_data.dynamic_variables.parley_session_id).toBe(
      "ses_ABC",
    );
    const agentSaid = body.data.transcript
      .filter((t: { role: string }) => t.role === "agent")
      .map((t: { message: string }) => [...t.message].length)
      .reduce((a: number, b: number) => a + b, 0);
    expect(event.characters).toBe(agentSaid);
    expect(event.seconds).toBeGreaterThanOrEqual(10);
    expect(event.seconds).toBeLessThanOrEqual(900);
  });

  it("delivers every event once plus the duplicated share, shuffled, replays before or after", () => {
    const plan = planDeliveries(1000, 0.2, seededRandom(3));
    expect(plan).toHaveLength(1200);
    const originals = plan.filter((d) => d.kind === "original").map((d) => d.event);
    expect(new Set(originals).size).toBe(1000);
    expect(originals).not.toEqual([...originals].sort((a, b) => a - b));
    expect(plan.filter((d) => d.kind === "replay")).toHaveLength(100);
    expect(plan.filter((d) => d.kind === "resent")).toHaveLength(100);
    const firstAt = new Map<number, number>();
    plan.forEach((d, i) => {
      if (d.kind === "original") firstAt.set(d.event, i);
    });
    const extras = plan.flatMap((d, i) => (d.kind === "original" ? [] : [[d.event, i] as const]));
    const racing = extras.filter(([e, i]) => i === (firstAt.get(e) ?? -2) + 1);
    const early = extras.filter(([e, i]) => i < (firstAt.get(e) ?? 0));
    // Half the extras come right after their original (a random one may fall in between).
    expect(racing.length).toBeGreaterThan(90);
    expect(early.length).toBeGreaterThan(10);
  });

  it("splits deliveries round-robin in autocannon's per-connection counts", () => {
    const slices = splitRoundRobin([0, 1, 2, 3, 4, 5, 6], 3);
    expect(slices).toEqual([
      [0, 3, 6],
      [1, 4],
      [2, 5],
    ]);
    expect(splitRoundRobin([1, 2], 64)).toHaveLength(2);
  });

  it("signs a delivery the way the server verifies it", () => {
    const event = callEvent(seededRandom(2), { id: "ses_X", connectedAtMs: Date.now() });
    const now = new Date();
    const signature = signElevenLabsWebhook(event.body, "whsec", now);
    expect(verifyElevenLabsSignature(event.body, signature, "whsec", now)).toBe(true);
    expect(verifyElevenLabsSignature(`${event.body} `, signature, "whsec", now)).toBe(false);
  });
});
