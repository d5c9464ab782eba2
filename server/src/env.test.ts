import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("has safe local defaults in demo mode", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PARLEY_MODE: "demo",
      PORT: 8787,
      PUBLIC_URL: "http://localhost:8787",
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("derives PUBLIC_URL from PORT", () => {
    expect(parseEnv({ PORT: "9000" }).PUBLIC_URL).toBe("http://localhost:9000");
  });

  it("names a bad variable in its error", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ PARLEY_SECRET: "short" })).toThrow(
      /PARLEY_SECRET: must be at least 32/,
    );
  });

  it("refuses production without the secrets it needs, naming each", () => {
    expect(() => parseEnv({ PARLEY_MODE: "production" })).toThrow(
      /DATABASE_URL, PUBLIC_URL, PARLEY_SECRET/,
    );
    const ok = parseEnv({
      PARLEY_MODE: "production",
      DATABASE_URL: "postgres://db/parley",
      PUBLIC_URL: "https://api.example.com",
      PARLEY_SECRET: "x".repeat(40),
    });
    expect(ok.PARLEY_MODE).toBe("production");
  });

  it("defaults dashboard sessions to 12 idle hours and 7 days in all, and reads both", () => {
    expect(parseEnv({})).toMatchObject({
      DASHBOARD_SESSION_IDLE_MINUTES: 720,
      DASHBOARD_SESSION_MAX_HOURS: 168,
      LOGIN_RATE_LIMIT_PER_IP: 30,
    });
    const env = parseEnv({
      DASHBOARD_SESSION_IDLE_MINUTES: "30",
      DASHBOARD_SESSION_MAX_HOURS: "24",
    });
    expect(env).toMatchObject({
      DASHBOARD_SESSION_IDLE_MINUTES: 30,
      DASHBOARD_SESSION_MAX_HOURS: 24,
    });
    expect(() => parseEnv({ DASHBOARD_SESSION_IDLE_MINUTES: "1" })).toThrow(
      /DASHBOARD_SESSION_IDLE_MINUTES/,
    );
  });

  it("accepts only smtp(s) URLs for SMTP_URL and derives the sender from PUBLIC_URL", () => {
    expect(parseEnv({}).SMTP_URL).toBeUndefined();
    expect(parseEnv({ SMTP_URL: "" }).SMTP_URL).toBeUndefined();
    const env = parseEnv({
      SMTP_URL: "smtp://u:p@mail.example:587",
      PUBLIC_URL: "https://app.example",
    });
    expect(env.SMTP_URL).toBe("smtp://u:p@mail.example:587");
    expect(env.SMTP_FROM).toBe("Parley <no-reply@app.example>");
    expect(() => parseEnv({ SMTP_URL: "https://mail.example" })).toThrow(
      /SMTP_URL: must be an smtp/,
    );
    expect(parseEnv({ SMTP_FROM: "Team <team@shop.example>" }).SMTP_FROM).toBe(
      "Team <team@shop.example>",
    );
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", ELEVENLABS_API_KEY: "" }).DATABASE_URL).toBeUndefined();
  });
});
