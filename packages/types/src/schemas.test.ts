import { describe, expect, it } from "vitest";
import { CreateAgentRequest, errorCodes, errorStatus, OriginPattern, WorkingHours } from "./index";

describe("OriginPattern", () => {
  it.each([
    "https://shop.example",
    "https://*.example.com",
    "http://localhost:3000",
    "https://a-b.c.d:8443",
  ])("accepts %s", (origin) => expect(OriginPattern.safeParse(origin).success).toBe(true));
  it.each([
    "https://shop.example/",
    "https://shop.example/x",
    "https://Shop.example",
    "ftp://shop.example",
    "https://*.",
    "https://a.*.example.com",
    "https://*.com",
    "null",
    "",
  ])("rejects %j", (origin) => expect(OriginPattern.safeParse(origin).success).toBe(false));
});

describe("WorkingHours", () => {
  const base = { timezone: "Europe/Madrid", days: [1, 2, 3, 4, 5], open: "09:00", close: "18:00" };
  it("accepts an IANA zone and HH:MM times", () => {
    expect(WorkingHours.parse(base)).toEqual(base);
  });
  it.each([
    { timezone: "Mars/Olympus" },
    { open: "9:00" },
    { close: "24:00" },
    { days: [7] },
    { days: [] },
  ])("rejects %j", (patch) =>
    expect(WorkingHours.safeParse({ ...base, ...patch }).success).toBe(false),
  );
});

describe("CreateAgentRequest", () => {
  it("fills defaults and refuses unknown fields", () => {
    const parsed = CreateAgentRequest.parse({ name: "Front desk", personaId: "per_x" });
    expect(parsed).toMatchObject({
      fallbackEnabled: true,
      fallbackVoiceId: "alloy",
      maxDurationSeconds: 600,
    });
    expect(
      CreateAgentRequest.safeParse({ name: "x", personaId: "p", partnerId: "ptn_1" }).success,
    ).toBe(false);
  });
  it("refuses theme values that could escape a CSS declaration", () => {
    const theme = { primary: "red; } body { display: none" };
    expect(CreateAgentRequest.safeParse({ name: "x", personaId: "p", theme }).success).toBe(false);
  });
  it("refuses control characters in free text", () => {
    expect(CreateAgentRequest.safeParse({ name: "a\u0000b", personaId: "p" }).success).toBe(false);
  });
});

describe("error codes", () => {
  it("maps every design code to a status", () => {
    for (const code of [
      "invalid_key",
      "origin_not_allowed",
      "agent_not_found",
      "agent_offline",
      "upgrade_required",
      "quota_exceeded",
      "too_many_sessions",
      "provider_unavailable",
      "token_invalid",
      "token_expired",
      "token_used",
      "validation_failed",
      "rate_limited",
      "unauthorized",
      "forbidden",
      "not_found",
      "conflict",
    ]) {
      expect(errorCodes).toContain(code);
    }
    expect(errorStatus.upgrade_required).toBe(402);
    expect(errorStatus.token_used).toBe(409);
  });
});
