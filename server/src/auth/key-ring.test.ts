import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadOrCreateKeyRing, readKeyRing, rotateKeyRing } from "./key-ring";

const secret = "a-very-long-secret-used-only-in-this-test-0123456789";
const tempFile = async () =>
  join(await mkdtemp(join(tmpdir(), "parley-keys-")), "nested", "signing-keys.json");

describe("key ring file", () => {
  it("is created at first start (0600) and read back unchanged", async () => {
    const path = await tempFile();
    const ring = await loadOrCreateKeyRing(path);
    expect(((await stat(path)).mode & 0o777).toString(8)).toBe("600");
    expect(await loadOrCreateKeyRing(path)).toEqual(ring);
    expect(ring.current.publicJwk).not.toHaveProperty("d");
  });

  it("encrypts private keys at rest when given a secret", async () => {
    const path = await tempFile();
    const ring = await loadOrCreateKeyRing(path, secret);
    const text = await readFile(path, "utf8");
    expect(text).not.toContain(String(ring.current.privateJwk.d));
    expect(text).not.toMatch(/"d"\s*:/);
    expect((await readKeyRing(path, secret))?.current.privateJwk.d).toBe(ring.current.privateJwk.d);
  });

  it("fails with a sentence for a wrong secret, a missing secret and a corrupted file", async () => {
    const path = await tempFile();
    await loadOrCreateKeyRing(path, secret);
    await expect(readKeyRing(path, "another-secret-that-is-long-enough-000000")).rejects.toThrow(
      /PARLEY_SECRET is not the one/,
    );
    await expect(readKeyRing(path)).rejects.toThrow(/encrypted: set PARLEY_SECRET/);
    await writeFile(path, "{ not json");
    await expect(readKeyRing(path, secret)).rejects.toThrow(/not a signing key file/);
    for (const shape of [{ version: 1, keys: [null] }, { version: 1, keys: [] }, { keys: {} }]) {
      await writeFile(path, JSON.stringify(shape));
      await expect(loadOrCreateKeyRing(path, secret)).rejects.toThrow(
        /is not a signing key file \(unexpected shape\)/,
      );
    }
  });

  it("refuses a file whose encrypted key was tampered with", async () => {
    const path = await tempFile();
    await loadOrCreateKeyRing(path, secret);
    const file = JSON.parse(await readFile(path, "utf8"));
    const blob = file.keys[0].encryptedPrivateJwk;
    blob.data = `${blob.data.slice(0, -2)}${blob.data.endsWith("AA") ? "BB" : "AA"}`;
    await writeFile(path, JSON.stringify(file));
    await expect(readKeyRing(path, secret)).rejects.toThrow(/or the file is corrupted/);
  });

  it("encrypts a plain-text (demo) ring in place once a secret is configured", async () => {
    const path = await tempFile();
    const plain = await loadOrCreateKeyRing(path);
    expect(await readFile(path, "utf8")).toMatch(/"d"\s*:/);
    expect(await loadOrCreateKeyRing(path, secret)).toEqual(plain);
    expect(await readFile(path, "utf8")).not.toMatch(/"d"\s*:/);
    await expect(readKeyRing(path)).rejects.toThrow(/encrypted: set PARLEY_SECRET/);
    expect(await readKeyRing(path, secret)).toEqual(plain);
  });

  it("gives every process the same ring when several create it at once", async () => {
    const path = await tempFile();
    const rings = await Promise.all(Array.from({ length: 6 }, () => loadOrCreateKeyRing(path)));
    const onDisk = await readKeyRing(path);
    expect(new Set(rings.map((r) => r.current.kid))).toEqual(new Set([onDisk?.current.kid]));
    expect((await readdir(dirname(path))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("rotates: new current, old current becomes previous, older dropped", async () => {
    const path = await tempFile();
    const first = await loadOrCreateKeyRing(path, secret);
    const second = await rotateKeyRing(path, secret);
    expect(second.previous?.kid).toBe(first.current.kid);
    const third = await rotateKeyRing(path, secret);
    expect(third.previous?.kid).toBe(second.current.kid);
    const onDisk = await readKeyRing(path, secret);
    expect([onDisk?.current.kid, onDisk?.previous?.kid]).toEqual([
      third.current.kid,
      second.current.kid,
    ]);
  });
});
