import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { chooseVoice, provisioningFor } from "./agents";

const sarah = { voiceProvider: "elevenlabs", voiceId: "EXAVITQu4vr4xnSDxMaL" } as const;
const sage = { voiceProvider: "openai", voiceId: "sage" } as const;

/** The field errors of the validation_failed the call throws. */
function validationErrors(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError && error.code === "validation_failed") return error.extras.errors;
    throw error;
  }
  throw new Error("expected a validation error");
}

const onVoiceId = [expect.objectContaining({ path: "voiceId" })];

describe("chooseVoice", () => {
  it("keeps the current voice when the request names none", () => {
    expect(chooseVoice(sarah, {}, "alloy")).toEqual(sarah);
    expect(chooseVoice(sage, {}, "alloy")).toEqual(sage);
  });

  it("takes a voice id named for the same provider", () => {
    expect(chooseVoice(sarah, { voiceId: "custom-clone" }, "alloy")).toEqual({
      voiceProvider: "elevenlabs",
      voiceId: "custom-clone",
    });
  });

  it("switches to openai with the standard fallback voice when no voice is named", () => {
    expect(chooseVoice(sarah, { voiceProvider: "openai" }, "shimmer")).toEqual({
      voiceProvider: "openai",
      voiceId: "shimmer",
    });
  });

  it("needs a voice id to switch to elevenlabs", () => {
    expect(
      validationErrors(() => chooseVoice(sage, { voiceProvider: "elevenlabs" }, "alloy")),
    ).toEqual(onVoiceId);
  });

  it.each(["rachel", "Alloy", "", "EXAVITQu4vr4xnSDxMaL"])(
    "refuses %j as an openai voice",
    (voiceId) => {
      expect(validationErrors(() => chooseVoice(sage, { voiceId }, "alloy"))).toEqual(onVoiceId);
      expect(
        validationErrors(() => chooseVoice(sarah, { voiceProvider: "openai", voiceId }, "alloy")),
      ).toEqual(onVoiceId);
    },
  );

  it.each(["alloy", "echo", "fable", "onyx", "nova", "shimmer", "sage"])(
    "accepts the standard voice %s for openai",
    (voiceId) => {
      expect(chooseVoice(sarah, { voiceProvider: "openai", voiceId }, "alloy")).toEqual({
        voiceProvider: "openai",
        voiceId,
      });
    },
  );
});

describe("provisioningFor", () => {
  it("needs nothing for openai and a later provisioning for elevenlabs", () => {
    expect(provisioningFor("openai")).toBe("not_required");
    expect(provisioningFor("elevenlabs")).toBe("pending");
  });
});
