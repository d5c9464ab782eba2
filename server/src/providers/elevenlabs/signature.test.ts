import { describe, expect, it } from "vitest";
import { signElevenLabsWebhook, verifyElevenLabsSignature } from "./index";

const secret = "wsec_test_secret";
const body = JSON.stringify({ type: "post_call_transcription", data: { conversation_id: "c1" } });
const now = new Date("2026-11-23T10:00:00Z");

describe("ElevenLabs webhook signature", () => {
  it("accepts its own signature on the exact raw body", () => {
    expect(
      verifyElevenLabsSignature(body, signElevenLabsWebhook(body, secret, now), secret, now),
    ).toBe(true);
  });

  it("rejects a changed body, a wrong secret, and a missing or malformed header", () => {
    const header = signElevenLabsWebhook(body, secret, now);
    expect(verifyElevenLabsSignature(`${body} `, header, secret, now)).toBe(false);
    expect(verifyElevenLabsSignature(body, header, "other", now)).toBe(false);
    expect(verifyElevenLabsSignature(body, undefined, secret, now)).toBe(false);
    expect(verifyElevenLabsSignature(body, "t=abc,v0=zz", secret, now)).toBe(false);
    expect(verifyElevenLabsSignature(body, header.replace(/v0=./, "v0=0"), secret, now)).toBe(
      false,
    );
  });

  it("rejects a signature older than 30 minutes, and one from the far future", () => {
    const old = signElevenLabsWebhook(body, secret, new Date(now.getTime() - 31 * 60_000));
    expect(verifyElevenLabsSignature(body, old, secret, now)).toBe(false);
    const recent = signElevenLabsWebhook(body, secret, new Date(now.getTime() - 29 * 60_000));
    expect(verifyElevenLabsSignature(body, recent, secret, now)).toBe(true);
    const future = signElevenLabsWebhook(body, secret, new Date(now.getTime() + 31 * 60_000));
    expect(verifyElevenLabsSignature(body, future, secret, now)).toBe(false);
  });
});
