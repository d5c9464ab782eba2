import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("writes scrypt$N$r$p$salt$hash and verifies the same password", async () => {
    const hash = await hashPassword("parley-demo");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/);
    expect(await verifyPassword("parley-demo", hash)).toBe(true);
  });

  it("rejects a wrong password", async () => {
    const hash = await hashPassword("parley-demo");
    expect(await verifyPassword("parley-demo ", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash, so one password gives different strings", async () => {
    const [a, b] = await Promise.all([hashPassword("same"), hashPassword("same")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same", a)).toBe(true);
    expect(await verifyPassword("same", b)).toBe(true);
  });

  it("verifies with the parameters stored in the hash, not the current defaults", async () => {
    const hash = await hashPassword("pw");
    const parts = hash.split("$");
    // A hash whose stored N differs from the real one must not verify.
    const tampered = ["scrypt", "16384", ...parts.slice(2)].join("$");
    expect(await verifyPassword("pw", tampered)).toBe(false);
  });

  it("treats unicode forms of the same password as equal", async () => {
    const hash = await hashPassword("Zoë");
    expect(await verifyPassword("Zoe\u0308", hash)).toBe(true);
  });

  it.each([
    "",
    "plain-text-password",
    "bcrypt$2b$10$abc",
    "scrypt$99999999999$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    "scrypt$32768$8$1$not base64$x",
  ])("refuses a stored value that is not one of its hashes: %s", async (stored) => {
    expect(await verifyPassword("anything", stored)).toBe(false);
  });
});
