import { describe, expect, it } from "vitest";
import type { Voice } from "./types";
import { standardVoices, voiceName } from "./voices";

describe("voiceName", () => {
  const rachel: Voice = {
    id: "21m00Tcm4TlvDq8ikWAM",
    name: "Rachel",
    provider: "elevenlabs",
    labels: [],
    premium: true,
    previewUrl: null,
  };
  const voices = [...standardVoices, rachel];

  it("shows the catalogue's name for a voice id", () => {
    expect(voiceName(voices, "elevenlabs", "21m00Tcm4TlvDq8ikWAM")).toBe("Rachel");
    expect(voiceName(voices, "openai", "sage")).toBe("Sage");
  });

  it("matches the provider as well as the id", () => {
    expect(voiceName(voices, "openai", "21m00Tcm4TlvDq8ikWAM")).toBe("21m00Tcm4TlvDq8ikWAM");
  });

  it("falls back to the id for a voice the catalogue no longer lists", () => {
    expect(voiceName(voices, "elevenlabs", "retired-voice")).toBe("retired-voice");
  });
});
