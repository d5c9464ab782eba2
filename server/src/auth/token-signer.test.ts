import { generateKeyPairSync } from "node:crypto";
import { base64url, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { memoryKeyRing, newRingKey } from "./key-ring";
import { createSessionSigner, type UnsignedClaims } from "./token-signer";

const issuer = "http://localhost:8787";
const origin = "https://shop.example";
const claims: UnsignedClaims = {
  sub: "ses_01ABC",
  jti: "ses_01ABC",
  pid: "ptn_01ABC",
  aid: "agt_01ABC",
  per: "per_01ABC",
  org: origin,
  voice: { provider: "elevenlabs", voiceId: "v1", fallbackFrom: null },
  grants: { connect: true, textInput: true, transcript: true, maxDurationSeconds: 600 },
  ent: ["premium_voices"],
};

async function setup() {
  let t = new Date("2026-11-23T10:00:00Z");
  const clock = {
    now: () => t,
    advance: (s: number) => {
      t = new Date(t.getTime() + s * 1000);
    },
  };
  const ring = await memoryKeyRing();
  const signer = createSessionSigner({ ring, issuer, now: clock.now });
  return { signer, ring, clock };
}

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? String(e),
  );

function tamper(token: string, patch: (payload: Record<string, unknown>) => void) {
  const [h, p, s] = token.split(".");
  const payload = JSON.parse(new TextDecoder().decode(base64url.decode(p ?? ""))) as Record<
    string,
    unknown
  >;
  patch(payload);
  return `${h}.${base64url.encode(JSON.stringify(payload))}.${s}`;
}

describe("session tokens", () => {
  it("round-trips with the design's claims, exp − iat = ttl ≤ 120", async () => {
    const { signer } = await setup();
    const { token, expiresAt } = await signer.sign(claims, 120);
    const verified = await signer.verify(token, { origin });
    expect(verified).toMatchObject({ ...claims, iss: issuer, aud: "voice-agent" });
    expect(verified.exp - verified.iat).toBe(120);
    expect(expiresAt.getTime() / 1000).toBe(verified.exp);
  });

  it("refuses to sign a token that lives longer than 120 s", async () => {
    const { signer } = await setup();
    await expect(signer.sign(claims, 121)).rejects.toThrow(RangeError);
  });

  it("rejects a tampered payload and a tampered signature", async () => {
    const { signer } = await setup();
    const { token } = await signer.sign(claims, 60);
    expect(
      await code(
        signer.verify(
          tamper(token, (p) => {
            p.ent = ["everything"];
          }),
          { origin },
        ),
      ),
    ).toBe("token_invalid");
    const broken = `${token.slice(0, -4)}${token.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    expect(await code(signer.verify(broken, { origin }))).toBe("token_invalid");
  });

  it("rejects a token signed by an unknown kid, and one claiming a known kid with another key", async () => {
    const { signer, ring } = await setup();
    const stranger = createSessionSigner({
      ring: { current: await newRingKey(), previous: null },
      issuer,
      now: () => new Date("2026-11-23T10:00:00Z"),
    });
    const { token } = await stranger.sign(claims, 60);
    expect(await code(signer.verify(token, { origin }))).toBe("token_invalid");
    const other = await newRingKey();
    const forged = createSessionSigner({
      ring: { current: { ...other, kid: ring.current.kid }, previous: null },
      issuer,
      now: () => new Date("2026-11-23T10:00:00Z"),
    });
    expect(await code(signer.verify((await forged.sign(claims, 60)).token, { origin }))).toBe(
      "token_invalid",
    );
  });

  it("rejects alg none and an HS256 token keyed with the public key", async () => {
    const { signer, ring, clock } = await setup();
    const iat = Math.floor(clock.now().getTime() / 1000);
    const body = { ...claims, iss: issuer, aud: "voice-agent", iat, nbf: iat, exp: iat + 60 };
    const none = `${base64url.encode(JSON.stringify({ alg: "none", kid: ring.current.kid }))}.${base64url.encode(JSON.stringify(body))}.`;
    expect(await code(signer.verify(none, { origin }))).toBe("token_invalid");
    const hs = await new SignJWT(body)
      .setProtectedHeader({ alg: "HS256", kid: ring.current.kid })
      .sign(new TextEncoder().encode(JSON.stringify(ring.current.publicJwk)));
    expect(await code(signer.verify(hs, { origin }))).toBe("token_invalid");
    const rawPublic = base64url.decode(String(ring.current.publicJwk.x));
    const hsRaw = await new SignJWT(body)
      .setProtectedHeader({ alg: "HS256", kid: ring.current.kid })
      .sign(rawPublic);
    expect(await code(signer.verify(hsRaw, { origin }))).toBe("token_invalid");
    // A key of another type altogether (RSA) is not accepted either.
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const rs = await new SignJWT(body)
      .setProtectedHeader({ alg: "RS256", kid: ring.current.kid })
      .sign(privateKey);
    expect(await code(signer.verify(rs, { origin }))).toBe("token_invalid");
  });

  it("expires after its ttl, and is not valid before it was issued", async () => {
    const { signer, clock } = await setup();
    const { token } = await signer.sign(claims, 120);
    clock.advance(124);
    expect(await code(signer.verify(token, { origin }))).toBe("ok");
    clock.advance(2);
    expect(await code(signer.verify(token, { origin }))).toBe("token_expired");
    const { signer: early, clock: c2 } = await setup();
    const t2 = (await early.sign(claims, 60)).token;
    c2.advance(-60);
    expect(await code(early.verify(t2, { origin }))).toBe("token_invalid");
  });

  it("stays valid for a connected call's granted duration when asked, and no longer", async () => {
    const { signer, clock } = await setup();
    const { token } = await signer.sign(claims, 120);
    clock.advance(120 + 600 + 60);
    expect(await code(signer.verify(token, { origin }))).toBe("token_expired");
    expect(await code(signer.verify(token, { origin, inCallGraceSeconds: 60 }))).toBe("ok");
    clock.advance(10);
    expect(await code(signer.verify(token, { origin, inCallGraceSeconds: 60 }))).toBe(
      "token_expired",
    );
  });

  it("rejects a wrong audience, a wrong issuer and missing claims", async () => {
    const { signer, ring, clock } = await setup();
    const other = createSessionSigner({ ring, issuer: "https://evil.example", now: clock.now });
    expect(await code(signer.verify((await other.sign(claims, 60)).token, { origin }))).toBe(
      "token_invalid",
    );
    const { token } = await signer.sign(claims, 60);
    const key = ring.current.privateJwk;
    const { importJWK } = await import("jose");
    const priv = await importJWK(key, "EdDSA");
    const iat = Math.floor(clock.now().getTime() / 1000);
    const wrongAud = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "EdDSA", kid: ring.current.kid })
      .setIssuer(issuer)
      .setAudience("dashboard")
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .sign(priv);
    expect(await code(signer.verify(wrongAud, { origin }))).toBe("token_invalid");
    const { grants: _grants, ...partial } = claims;
    const missing = await new SignJWT({ ...partial })
      .setProtectedHeader({ alg: "EdDSA", kid: ring.current.kid })
      .setIssuer(issuer)
      .setAudience("voice-agent")
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + 60)
      .sign(priv);
    expect(await code(signer.verify(missing, { origin }))).toBe("token_invalid");
    expect(await code(signer.verify(token, { origin }))).toBe("ok");
  });

  it("requires the request's Origin to equal the token's org (case and trailing slash aside)", async () => {
    const { signer } = await setup();
    const { token } = await signer.sign(claims, 60);
    expect(await code(signer.verify(token, { origin: "HTTPS://Shop.Example/" }))).toBe("ok");
    for (const bad of ["https://shop.example.evil.net", "http://shop.example", undefined, "null"]) {
      expect(await code(signer.verify(token, { origin: bad }))).toBe("token_invalid");
    }
  });

  it("rejects a token whose org is not a usable origin even when the request has none", async () => {
    const { signer } = await setup();
    for (const org of ["null", "file:///index.html", ""]) {
      const { token } = await signer.sign({ ...claims, org }, 60);
      for (const requestOrigin of [undefined, "null", org]) {
        expect(await code(signer.verify(token, { origin: requestOrigin }))).toBe("token_invalid");
      }
    }
  });

  it("keeps a previous-key token valid after one rotation and refuses it after two", async () => {
    const { signer, ring } = await setup();
    const { token } = await signer.sign(claims, 60);
    const second = { current: await newRingKey(), previous: ring.current };
    signer.setRing(second);
    expect(await code(signer.verify(token, { origin }))).toBe("ok");
    expect(signer.jwks().keys.map((k) => k.kid)).toEqual([second.current.kid, ring.current.kid]);
    signer.setRing({ current: await newRingKey(), previous: second.current });
    expect(await code(signer.verify(token, { origin }))).toBe("token_invalid");
  });

  it("publishes only public members in the JWKS", async () => {
    const { signer } = await setup();
    for (const key of signer.jwks().keys) {
      expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);
    }
  });
});
