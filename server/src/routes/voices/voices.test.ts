import type { VoiceList } from "@parley/types";
import { standardVoices } from "@parley/types";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestMember,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestPartner,
} from "../../../test/harness";
import { grantAddon } from "../../../test/widget-helpers";
import { featureFlagOverrides } from "../../db/schema";
import { ProviderError } from "../../providers/http";
import { premadeVoices } from "../../providers/simulator/voices";

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

async function voices(p: TestPartner) {
  const res = await p.request("GET", "/v1/voices");
  expect(res.status).toBe(200);
  return { res, body: await json<VoiceList>(res) };
}

describe("GET /v1/voices", () => {
  let h: Harness;
  let pro: TestPartner;
  beforeAll(async () => {
    h = await createHarness();
    pro = await createTestPartner(h, { name: "Pro", planId: "pro" });
  });

  it("lists the standard voices as available and the ElevenLabs voices as premium", async () => {
    const { res, body } = await voices(pro);
    expect(res.headers.get("x-parley-degraded")).toBeNull();
    const standard = body.data.filter((v) => v.provider === "openai");
    expect(standard.map((v) => v.id)).toEqual([...standardVoices]);
    expect(standard.every((v) => v.available && !v.premium && v.category === "standard")).toBe(
      true,
    );
    const premium = body.data.filter((v) => v.provider === "elevenlabs");
    expect(premium.map((v) => v.id).sort()).toEqual(premadeVoices.map((v) => v.voice_id).sort());
    expect(premium.find((v) => v.id === "21m00Tcm4TlvDq8ikWAM")).toEqual({
      id: "21m00Tcm4TlvDq8ikWAM",
      name: "Rachel",
      provider: "elevenlabs",
      category: expect.any(String),
      labels: expect.objectContaining({ accent: "american", gender: "female" }),
      previewUrl: expect.toSatisfy((u: unknown) => u === null || typeof u === "string"),
      premium: true,
      // The pro plan does not include premium voices.
      available: false,
    });
    expect(premium.every((v) => v.premium && !v.available)).toBe(true);
  });

  it("marks premium voices available with the plan or a paid add-on", async () => {
    const enterprise = await createTestPartner(h, { name: "Big", planId: "enterprise" });
    const big = await voices(enterprise);
    expect(big.body.data.filter((v) => v.premium).every((v) => v.available)).toBe(true);

    const buyer = await createTestPartner(h, { name: "Buyer", planId: "starter" });
    await grantAddon(h, buyer.id, "premium_voices");
    const bought = await voices(buyer);
    expect(bought.body.data.filter((v) => v.premium).every((v) => v.available)).toBe(true);
  });

  it("marks premium voices unavailable when the partner's flag switches them off", async () => {
    const flagged = await createTestPartner(h, { name: "Flagged", planId: "enterprise" });
    await h.database.db
      .insert(featureFlagOverrides)
      .values({ partnerId: flagged.id, flagKey: "premium_voices", enabled: false });
    const { body } = await voices(flagged);
    expect(body.data.filter((v) => v.premium).some((v) => v.available)).toBe(false);
    expect(body.data.filter((v) => !v.premium).every((v) => v.available)).toBe(true);
  });

  it("asks for a key and lets a dashboard viewer read", async () => {
    await expectProblem(await h.app.request("/v1/voices"), 401, "unauthorized");
    await expectProblem(
      await h.app.request("/v1/voices", { headers: { authorization: "Bearer sk_live_x" } }),
      401,
      "invalid_key",
    );
    const viewer = await createTestMember(h, pro.id, "viewer");
    expect((await viewer.request("GET", "/v1/voices")).status).toBe(200);
  });
});

describe("GET /v1/voices without ElevenLabs", () => {
  let h: Harness;
  let calls = 0;
  beforeAll(async () => {
    h = await createHarness({
      override: (s) => ({
        providers: {
          ...s.providers,
          elevenlabs: {
            ...s.providers.elevenlabs,
            listVoices: async () => {
              calls++;
              throw new ProviderError("elevenlabs", 503, "503");
            },
          },
        },
      }),
    });
  });

  it("answers the standard voices, no premium ones, and x-parley-degraded: elevenlabs", async () => {
    const enterprise = await createTestPartner(h, { name: "Big", planId: "enterprise" });
    const { res, body } = await voices(enterprise);
    expect(calls).toBe(1);
    expect(res.headers.get("x-parley-degraded")).toBe("elevenlabs");
    expect(body.data.map((v) => v.id)).toEqual([...standardVoices]);
    expect(body.data.every((v) => v.provider === "openai" && v.available)).toBe(true);
  });
});
