import { describe, expect, it } from "vitest";
import { type PostCallEvent, roundsOf } from "./post-calls";

const event = (sessionId: string | null, conversationId: string): PostCallEvent => ({
  type: "post_call_transcription",
  conversationId,
  sessionId,
  seconds: 10,
  transcript: [],
  endReason: "done",
});

describe("post-call rounds", () => {
  it("puts each session once per round, repeats in later rounds, in arrival order", () => {
    const events = [
      event("ses_a", "c1"),
      event("ses_b", "c2"),
      event("ses_a", "c1"),
      event(null, "c3"),
      event("ses_a", "c9"),
      event(null, "c3"),
    ];
    expect(roundsOf(events)).toEqual([[0, 1, 3], [2, 5], [4]]);
  });
});
