import { describe, expect, it } from "vitest";
import type { Agent, Persona } from "../types";
import { bodyFrom, draftFrom, parseOrigins, withPersona } from "./agent-form";

const persona = (over: Partial<Persona>): Persona => ({
  id: "per_1",
  kind: "template",
  templateKey: "sales",
  createdFromTemplateId: null,
  name: "Sales assistant",
  description: "",
  instructions: "Sell.",
  firstMessage: "Hi",
  language: "en",
  dynamicVariables: [],
  voiceProvider: "openai",
  voiceId: "sage",
  voiceSettings: {},
  createdAt: "2026-11-01T00:00:00.000Z",
  updatedAt: "2026-11-01T00:00:00.000Z",
  ...over,
});

describe("withPersona", () => {
  const blank = draftFrom(null, "Europe/Madrid");

  it("takes the persona's voice and name", () => {
    const d = withPersona(blank, persona({}), false);
    expect(d).toMatchObject({ personaId: "per_1", name: "Sales assistant", voiceId: "sage" });
  });

  it("keeps a standard voice when the premium one is not included", () => {
    const premium = persona({ voiceProvider: "elevenlabs", voiceId: "EXAVITQu4vr4xnSDxMaL" });
    expect(withPersona(blank, premium, false)).toMatchObject({
      voiceProvider: "openai",
      voiceId: "alloy",
    });
    expect(withPersona(blank, premium, true)).toMatchObject({
      voiceProvider: "elevenlabs",
      voiceId: "EXAVITQu4vr4xnSDxMaL",
    });
  });

  it("renames an auto-filled name but never a typed one", () => {
    const first = persona({});
    const second = persona({ id: "per_2", name: "Support" });
    const auto = withPersona(blank, first, false);
    expect(withPersona(auto, second, false, first).name).toBe("Support");
    const typed = { ...auto, name: "Front desk" };
    expect(withPersona(typed, second, false, first).name).toBe("Front desk");
  });
});

describe("bodyFrom", () => {
  it("turns the form into the API's shape", () => {
    const d = {
      ...draftFrom(null, "UTC"),
      name: "  Desk ",
      personaId: "per_1",
      origins: "https://a.example\n\nhttps://b.example, https://a.example",
      maxMinutes: "2.5",
      greeting: "  ",
    };
    expect(bodyFrom(d)).toMatchObject({
      name: "Desk",
      allowedOrigins: ["https://a.example", "https://b.example"],
      maxDurationSeconds: 150,
      greeting: null,
      workingHours: null,
    });
  });

  it("sends working hours only when switched on", () => {
    const d = { ...draftFrom(null, "UTC"), hoursEnabled: true };
    expect(bodyFrom(d).workingHours).toEqual({
      timezone: "UTC",
      days: [1, 2, 3, 4, 5],
      open: "09:00",
      close: "17:00",
    });
  });

  it("round-trips an existing agent", () => {
    const agent: Agent = {
      id: "agt_1",
      name: "Desk",
      personaId: "per_1",
      voiceProvider: "openai",
      voiceId: "nova",
      fallbackVoiceId: "echo",
      fallbackEnabled: false,
      allowedOrigins: ["https://a.example"],
      workingHours: null,
      maxDurationSeconds: 300,
      greeting: "Hello",
      avatarUrl: null,
      theme: {},
      consentText: null,
      status: "active",
      providerAgentId: null,
      provisioningStatus: "not_required",
      provisioningError: null,
      createdAt: "2026-11-01T00:00:00.000Z",
      updatedAt: "2026-11-01T00:00:00.000Z",
    };
    expect(bodyFrom(draftFrom(agent, "UTC"))).toEqual({
      name: "Desk",
      personaId: "per_1",
      voiceProvider: "openai",
      voiceId: "nova",
      fallbackEnabled: false,
      fallbackVoiceId: "echo",
      allowedOrigins: ["https://a.example"],
      workingHours: null,
      maxDurationSeconds: 300,
      greeting: "Hello",
    });
  });
});

describe("parseOrigins", () => {
  it("splits on lines and commas and drops blanks", () => {
    expect(parseOrigins(" https://a.example ,\n\n https://b.example")).toEqual([
      "https://a.example",
      "https://b.example",
    ]);
  });
});
