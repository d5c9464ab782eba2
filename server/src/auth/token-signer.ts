/**
 * Signs and verifies session tokens (design §3): EdDSA only, `kid` from the ring (current or
 * previous), audience `voice-agent`, our issuer, a lifetime of at most 120 s, and the
 * request's Origin equal to the token's `org`. Every failure is `token_invalid`, except an
 * expired token, which is `token_expired`.
 */
import type { webcrypto } from "node:crypto";
import { SessionTokenClaims } from "@parley/types";
import { decodeJwt, decodeProtectedHeader, errors, importJWK, jwtVerify, SignJWT } from "jose";
import { normalizeOrigin } from "../domain/origins";
import { ApiError } from "../errors";
import type { KeyRing } from "./key-ring";

export const maxTokenTtlSeconds = 120;
const clockToleranceSeconds = 5;

export type UnsignedClaims = Omit<SessionTokenClaims, "iss" | "aud" | "iat" | "nbf" | "exp">;

export interface VerifyOptions {
  origin: string | undefined;
  /**
   * For calls already connected (heartbeat, end): the token stays good past `exp` for the
   * call's granted duration plus this many seconds. Connect never sets it.
   */
  inCallGraceSeconds?: number;
}

export interface SessionSigner {
  /** Signs a token issued at `issuedAt` (default: now), living `ttlSeconds`. */
  sign(
    claims: UnsignedClaims,
    ttlSeconds: number,
    issuedAt?: Date,
  ): Promise<{ token: string; expiresAt: Date }>;
  verify(token: string, options: VerifyOptions): Promise<SessionTokenClaims>;
  /** Public keys for `/.well-known/jwks.json`: current and previous, never a private member. */
  jwks(): { keys: Record<string, unknown>[] };
  /** Swap in a rotated ring (e.g. after `keys:rotate`, on a reload signal). */
  setRing(ring: KeyRing): void;
}

const invalid = (detail: string) => new ApiError("token_invalid", detail);

export function createSessionSigner(options: {
  ring: KeyRing;
  issuer: string;
  now: () => Date;
}): SessionSigner {
  let ring = options.ring;
  const keys = new Map<string, webcrypto.CryptoKey>();
  const keyFor = async (kid: string, which: "privateJwk" | "publicJwk") => {
    const entry = [ring.current, ring.previous].find((k) => k?.kid === kid);
    if (!entry) return null;
    const cacheKey = `${which}:${kid}`;
    let key = keys.get(cacheKey);
    if (!key) {
      const imported = await importJWK(entry[which], "EdDSA");
      if (imported instanceof Uint8Array) throw new Error("unexpected symmetric key");
      key = imported;
      keys.set(cacheKey, key);
    }
    return key;
  };

  return {
    async sign(claims, ttlSeconds, issuedAt = options.now()) {
      if (ttlSeconds > maxTokenTtlSeconds || ttlSeconds <= 0) {
        throw new RangeError(`A session token lives at most ${maxTokenTtlSeconds} s.`);
      }
      const iat = Math.floor(issuedAt.getTime() / 1000);
      const key = await keyFor(ring.current.kid, "privateJwk");
      if (!key) throw new Error("the current signing key is missing");
      const token = await new SignJWT({ ...claims })
        .setProtectedHeader({ alg: "EdDSA", kid: ring.current.kid, typ: "JWT" })
        .setIssuer(options.issuer)
        .setAudience("voice-agent")
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(key);
      return { token, expiresAt: new Date((iat + ttlSeconds) * 1000) };
    },

    async verify(token, verifyOptions) {
      if (!token) throw invalid("Send the session token as `Authorization: Bearer <token>`.");
      let kid: string | undefined;
      let alg: string | undefined;
      let grantSeconds = 0;
      try {
        ({ kid, alg } = decodeProtectedHeader(token));
        const unverified = decodeJwt(token);
        const grants = unverified.grants as { maxDurationSeconds?: unknown } | undefined;
        if (typeof grants?.maxDurationSeconds === "number")
          grantSeconds = Math.min(grants.maxDurationSeconds, 4 * 3600);
      } catch {
        throw invalid("That is not a session token.");
      }
      if (alg !== "EdDSA") throw invalid("Session tokens are signed with EdDSA only.");
      const key = kid ? await keyFor(kid, "publicJwk") : null;
      if (!key) throw invalid("The token was signed by a key we do not know.");
      const verifyAt = (currentDate: Date) =>
        jwtVerify(token, key, {
          algorithms: ["EdDSA"],
          audience: "voice-agent",
          issuer: options.issuer,
          currentDate,
          clockTolerance: clockToleranceSeconds,
        });
      let payload: unknown;
      try {
        try {
          ({ payload } = await verifyAt(options.now()));
        } catch (error) {
          // A connected call's heartbeats and /end outlive the 120 s redemption window by the
          // call's granted duration (read from the payload, whose signature is checked here).
          if (
            !(error instanceof errors.JWTExpired) ||
            verifyOptions.inCallGraceSeconds === undefined
          )
            throw error;
          const exp = Number(error.payload.exp);
          const deadline = exp + grantSeconds + verifyOptions.inCallGraceSeconds;
          if (options.now().getTime() / 1000 > deadline) throw error;
          ({ payload } = await verifyAt(new Date(exp * 1000)));
        }
      } catch (error) {
        if (error instanceof errors.JWTExpired) {
          throw new ApiError(
            "token_expired",
            "The session token has expired; start a new session.",
          );
        }
        throw invalid("The session token is not valid.");
      }
      const claims = SessionTokenClaims.safeParse(payload);
      if (!claims.success) throw invalid("The session token is missing claims.");
      // Compared only when `org` is a usable origin: two unusable ones (both null) never match.
      const issuedFor = normalizeOrigin(claims.data.org);
      if (!issuedFor || normalizeOrigin(verifyOptions.origin) !== issuedFor) {
        throw invalid("The session token was issued for another origin.");
      }
      return claims.data;
    },

    jwks() {
      return {
        keys: [ring.current, ring.previous]
          .filter((k) => k !== null)
          .map((k) => ({
            kty: k.publicJwk.kty,
            crv: k.publicJwk.crv,
            x: k.publicJwk.x,
            kid: k.kid,
            alg: "EdDSA",
            use: "sig",
          })),
      };
    },

    setRing(next) {
      ring = next;
      keys.clear();
    },
  };
}
