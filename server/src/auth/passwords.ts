/**
 * Password hashing with scrypt from node:crypto (no native dependency). The stored string
 * carries its own parameters, `scrypt$N$r$p$saltB64$hashB64`, so the cost can be raised
 * later and old hashes still verify.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/**
 * N = 2^15, r = 8: 32 MiB and roughly 50–100 ms per hash on one core, a balance between
 * guessing cost and sign-in latency on a small server (OWASP's floor is N = 2^17 with
 * p = 1, or an equivalent trade of N for p; we keep p = 1 and accept the lower memory).
 */
const defaults = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;
const saltLength = 16;

function derive(password: string, salt: Buffer, params: typeof defaults): Promise<Buffer> {
  const options: ScryptOptions = {
    ...params,
    // Node's default ceiling (32 MiB) is just under what N = 2^15, r = 8 needs.
    maxmem: 256 * params.N * params.r,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, keyLength, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltLength);
  const hash = await derive(password, salt, defaults);
  const { N, r, p } = defaults;
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

const stored = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/** False for a wrong password and for anything that is not a hash this module wrote. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const match = stored.exec(hash);
  if (!match) return false;
  const [, n, r, p, salt, expectedB64] = match;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  // Bounds keep a corrupted row from asking for gigabytes of memory.
  const sane =
    params.N >= 2 ** 10 &&
    params.N <= 2 ** 20 &&
    (params.N & (params.N - 1)) === 0 &&
    params.r >= 1 &&
    params.r <= 32 &&
    params.p >= 1 &&
    params.p <= 16;
  if (!sane || salt === undefined || expectedB64 === undefined) return false;
  const expected = Buffer.from(expectedB64, "base64");
  if (expected.length < 16) return false;
  const actual = await derive(password, Buffer.from(salt, "base64"), params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
