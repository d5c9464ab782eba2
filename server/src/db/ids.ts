import { randomBytes } from "node:crypto";

/** Crockford base32: sortable, no ambiguous letters. */
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export type IdPrefix =
  | "ptn"
  | "usr"
  | "mem"
  | "key"
  | "per"
  | "agt"
  | "ses"
  | "sub"
  | "sad"
  | "use"
  | "aud"
  | "uss"
  | "inv"
  | "eml";

export type IdGenerator = (prefix: IdPrefix) => string;

/**
 * `agt_01JDQ8V6Z3K4M2N5P7R9S1T3V5`: 10 characters of millisecond time then 16 random ones
 * (ULID layout), so ids sort by creation time and serve as pagination cursors.
 */
export function idGenerator(now: () => Date = () => new Date()): IdGenerator {
  return (prefix) => {
    let time = now().getTime();
    let head = "";
    for (let i = 0; i < 10; i++) {
      head = alphabet[time % 32] + head;
      time = Math.floor(time / 32);
    }
    let tail = "";
    for (const byte of randomBytes(16)) tail += alphabet[byte % 32];
    return `${prefix}_${head}${tail}`;
  };
}
