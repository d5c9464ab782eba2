import { createHash, randomBytes } from "node:crypto";
import type { KeyKind, KeyMode } from "../db/schema";

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `pk_live_` + 32 base62 characters (≈190 bits). */
export function generateKey(kind: KeyKind, mode: KeyMode): string {
  let body = "";
  // 248 = 4 × 62: rejecting bytes ≥ 248 keeps every character equally likely.
  while (body.length < 32) {
    for (const byte of randomBytes(40)) {
      if (byte < 248 && body.length < 32) body += base62[byte % 62];
    }
  }
  return `${kind === "publishable" ? "pk" : "sk"}_${mode}_${body}`;
}

export const keyPattern = /^(pk|sk)_(live|test)_[0-9A-Za-z]{32}$/;

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function displayPrefix(key: string): string {
  return `${key.slice(0, 12)}…${key.slice(-4)}`;
}
