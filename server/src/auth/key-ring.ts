/**
 * The Ed25519 key ring that signs session tokens (design §3): a current key and the
 * previous one, each with a `kid`, so a rotation never breaks a token already handed out.
 * Stored as a JSON file outside the repo (0600). With a secret (PARLEY_SECRET) the private
 * keys are encrypted at rest with AES-256-GCM under a scrypt-derived key; without one (demo
 * mode on a laptop) they are stored as plain JWKs.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { z } from "zod";

export interface RingKey {
  kid: string;
  createdAt: string;
  publicJwk: JWK;
  privateJwk: JWK;
}

export interface KeyRing {
  current: RingKey;
  previous: RingKey | null;
}

const Jwk = z.custom<JWK>(
  (v) => typeof v === "object" && v !== null && "kty" in v && typeof v.kty === "string",
  "not a JWK",
);

const EncryptedBlob = z.object({
  alg: z.literal("A256GCM+scrypt"),
  salt: z.string(),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});
type EncryptedBlob = z.infer<typeof EncryptedBlob>;

const RingFile = z.object({
  version: z.literal(1),
  keys: z
    .array(
      z.object({
        kid: z.string().min(1),
        createdAt: z.string(),
        publicJwk: Jwk,
        privateJwk: Jwk.optional(),
        encryptedPrivateJwk: EncryptedBlob.optional(),
      }),
    )
    .min(1)
    .max(2),
});
type RingFile = z.infer<typeof RingFile>;

export async function newRingKey(now: Date = new Date()): Promise<RingKey> {
  const { publicKey, privateKey } = await generateKeyPair("EdDSA", { extractable: true });
  const kid = `sig_${now.toISOString().slice(0, 10).replaceAll("-", "")}_${randomBytes(6).toString("base64url")}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "EdDSA", use: "sig" };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "EdDSA" };
  return { kid, createdAt: now.toISOString(), publicJwk, privateJwk };
}

export async function memoryKeyRing(): Promise<KeyRing> {
  return { current: await newRingKey(), previous: null };
}

function encrypt(jwk: JWK, secret: string): EncryptedBlob {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = scryptSync(secret, salt, 32);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(jwk), "utf8"), cipher.final()]);
  return {
    alg: "A256GCM+scrypt",
    salt: salt.toString("base64url"),
    iv: iv.toString("base64url"),
    tag: cipher.getAuthTag().toString("base64url"),
    data: data.toString("base64url"),
  };
}

function decrypt(blob: EncryptedBlob, secret: string): JWK {
  const key = scryptSync(secret, Buffer.from(blob.salt, "base64url"), 32);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(blob.iv, "base64url"));
  decipher.setAuthTag(Buffer.from(blob.tag, "base64url"));
  const plain = Buffer.concat([
    decipher.update(Buffer.from(blob.data, "base64url")),
    decipher.final(),
  ]);
  // Authenticated by GCM: these bytes are what `encrypt` wrote, a JWK.
  return JSON.parse(plain.toString("utf8")) as JWK;
}

function toFile(ring: KeyRing, secret: string | undefined): RingFile {
  const keys = [ring.current, ...(ring.previous ? [ring.previous] : [])].map(
    ({ privateJwk, ...rest }) =>
      secret
        ? { ...rest, encryptedPrivateJwk: encrypt(privateJwk, secret) }
        : { ...rest, privateJwk },
  );
  return { version: 1, keys };
}

function fromFile(file: RingFile, secret: string | undefined, path: string): KeyRing {
  const keys = file.keys.map((k): RingKey => {
    if (k.privateJwk)
      return {
        kid: k.kid,
        createdAt: k.createdAt,
        publicJwk: k.publicJwk,
        privateJwk: k.privateJwk,
      };
    if (!k.encryptedPrivateJwk)
      throw new Error(`Signing key ${k.kid} in ${path} has no private key.`);
    if (!secret)
      throw new Error(
        `The signing keys in ${path} are encrypted: set PARLEY_SECRET to the secret they were written with.`,
      );
    try {
      return {
        kid: k.kid,
        createdAt: k.createdAt,
        publicJwk: k.publicJwk,
        privateJwk: decrypt(k.encryptedPrivateJwk, secret),
      };
    } catch {
      throw new Error(
        `Cannot decrypt the signing keys in ${path}: PARLEY_SECRET is not the one they were written with, or the file is corrupted.`,
      );
    }
  });
  const [current, previous] = keys;
  if (!current) throw new Error(`${path} holds no signing key.`);
  return { current, previous: previous ?? null };
}

const isErrno = (error: unknown, code: string) =>
  error instanceof Error && "code" in error && error.code === code;

/**
 * Writes the ring to a private temp file, then moves it into place. `exclusive` (first start)
 * links instead of renaming, so when two processes create the ring at once exactly one file
 * wins and both end up signing with it; it returns false when another process was first.
 */
async function write(
  path: string,
  ring: KeyRing,
  secret: string | undefined,
  exclusive = false,
): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(tmp, JSON.stringify(toFile(ring, secret), null, 2), { mode: 0o600 });
  await chmod(tmp, 0o600);
  if (!exclusive) {
    await rename(tmp, path);
    return true;
  }
  try {
    await link(tmp, path);
    return true;
  } catch (error) {
    if (isErrno(error, "EEXIST")) return false;
    throw error;
  } finally {
    await unlink(tmp);
  }
}

async function readRingFile(path: string): Promise<RingFile | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (isErrno(error, "ENOENT")) return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not a signing key file (not JSON).`);
  }
  const file = RingFile.safeParse(json);
  if (!file.success) {
    throw new Error(
      `${path} is not a signing key file (unexpected shape); restore it or move it away.`,
    );
  }
  return file.data;
}

export async function readKeyRing(path: string, secret?: string): Promise<KeyRing | null> {
  const file = await readRingFile(path);
  return file ? fromFile(file, secret, path) : null;
}

/**
 * Reads the ring, creating it with a fresh key at first start. A ring written in plain text
 * (demo mode) is encrypted in place as soon as a secret is configured.
 */
export async function loadOrCreateKeyRing(path: string, secret?: string): Promise<KeyRing> {
  const file = await readRingFile(path);
  if (file) {
    const ring = fromFile(file, secret, path);
    if (secret && file.keys.some((k) => k.privateJwk)) await write(path, ring, secret);
    return ring;
  }
  const ring = { current: await newRingKey(), previous: null };
  if (await write(path, ring, secret, true)) return ring;
  const winner = await readKeyRing(path, secret);
  if (!winner) throw new Error(`${path} vanished while the signing keys were being created.`);
  return winner;
}

/** New current key; the old current becomes previous; the one before is dropped. */
export async function rotateKeyRing(
  path: string,
  secret?: string,
  now: Date = new Date(),
): Promise<KeyRing> {
  const existing = await loadOrCreateKeyRing(path, secret);
  const ring = { current: await newRingKey(now), previous: existing.current };
  await write(path, ring, secret);
  return ring;
}
