import { importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { createHarness } from "../../../test/harness";
import { memoryKeyRing, newRingKey } from "../../auth/key-ring";
import { createSessionSigner, type UnsignedClaims } from "../../auth/token-signer";

// A ring this file holds, so a rotation can move its current key to previous.
const ring = await memoryKeyRing();
const h = await createHarness({
  override: (s) => ({
    signer: createSessionSigner({ ring, issuer: s.env.PUBLIC_URL, now: s.now }),
  }),
});

const claims: UnsignedClaims = {
  sub: "ses_01JWKS",
  jti: "ses_01JWKS",
  pid: "ptn_01JWKS",
  aid: "agt_01JWKS",
  per: "per_01JWKS",
  org: "https://shop.example",
  voice: { provider: "openai", voiceId: "alloy", fallbackFrom: null },
  grants: { connect: true, textInput: false, transcript: true, maxDurationSeconds: 300 },
  ent: [],
};

interface JwksBody {
  keys: Record<string, unknown>[];
}

const getJwks = async () => {
  const res = await h.app.request("/.well-known/jwks.json");
  return { res, body: (await res.json()) as JwksBody };
};

describe("GET /.well-known/jwks.json", () => {
  it("serves the public keys with a five-minute public cache and no private member", async () => {
    const { res, body } = await getJwks();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(body.keys).toHaveLength(1);
    for (const key of body.keys) {
      expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
      expect(key).not.toHaveProperty("d");
      expect(JSON.stringify(key)).not.toContain('"d"');
    }
  });

  it("lets a third party verify an issued token with nothing but the published key", async () => {
    const { token } = await h.services.signer.sign(claims, 60);
    const { body } = await getJwks();
    const kid = JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString()).kid;
    const jwk = body.keys.find((k) => k.kid === kid);
    expect(jwk).toBeDefined();
    const key = await importJWK({ ...jwk, kty: "OKP" }, "EdDSA");
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["EdDSA"],
      audience: "voice-agent",
      issuer: h.services.env.PUBLIC_URL,
      currentDate: h.services.now(),
    });
    expect(payload.jti).toBe(claims.jti);
  });

  it("lists current and previous after a rotation, and drops the oldest after two", async () => {
    const { token } = await h.services.signer.sign(claims, 60);
    const second = { current: await newRingKey(), previous: ring.current };
    h.services.signer.setRing(second);
    expect((await getJwks()).body.keys.map((k) => k.kid)).toEqual([
      second.current.kid,
      ring.current.kid,
    ]);
    await expect(h.services.signer.verify(token, { origin: claims.org })).resolves.toMatchObject({
      jti: claims.jti,
    });
    h.services.signer.setRing({ current: await newRingKey(), previous: second.current });
    const kids = (await getJwks()).body.keys.map((k) => k.kid);
    expect(kids).toHaveLength(2);
    expect(kids).not.toContain(ring.current.kid);
    expect(kids[1]).toBe(second.current.kid);
  });

  it("is described in the OpenAPI document under ops", async () => {
    const doc = (await (await h.app.request("/openapi.json")).json()) as {
      paths: Record<string, { get?: { tags?: string[] } }>;
    };
    expect(doc.paths["/.well-known/jwks.json"]?.get?.tags).toEqual(["ops"]);
  });
});
