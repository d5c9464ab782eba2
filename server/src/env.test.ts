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

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", ELEVENLABS_API_KEY: "" }).DATABASE_URL).toBeUndefined();
  });
});
