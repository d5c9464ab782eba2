import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DemoInfo } from "./db/seed/demo";
import { parseEnv } from "./env";
import { start } from "./main";

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-start-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("start", () => {
  it("serves the API with demo data, writes demo.json, and restarts on the same data", async () => {
    const port = await freePort();
    // The on-disk PGlite of a fresh data dir, as `pnpm start` uses it.
    const env = parseEnv({ PARLEY_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: "silent" });
    const first = await start(env);
    const base = `http://127.0.0.1:${port}`;
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${base}/readyz`)).json()).toEqual({
        status: "ok",
        database: "ok",
      });
      const demo = DemoInfo.parse(JSON.parse(await readFile(join(dir, "demo.json"), "utf8")));
      expect(demo).toEqual(first.demo);
      expect(demo.allowedOrigin).toBe(`http://localhost:${port}`);
      expect((await stat(join(dir, "demo.json"))).mode & 0o777).toBe(0o600);
      const sessions = await fetch(`${base}/v1/sessions?limit=5`, {
        headers: { authorization: `Bearer ${demo.secretKey}` },
      });
      expect(sessions.status).toBe(200);
      expect(((await sessions.json()) as { data: unknown[] }).data).toHaveLength(5);
    } finally {
      await first.close();
    }
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();

    const second = await start(env);
    try {
      expect(second.demo).toEqual(first.demo);
      const agents = await fetch(`${base}/v1/agents`, {
        headers: { authorization: `Bearer ${first.demo?.secretKey}` },
      });
      expect(((await agents.json()) as { data: unknown[] }).data).toHaveLength(3);
    } finally {
      await second.close();
    }
  });

  it("refuses a port that is taken and closes what it opened", async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const env = parseEnv({
        PARLEY_DATA_DIR: join(dir, "taken"),
        PORT: String(port),
        LOG_LEVEL: "silent",
      });
      await expect(start(env)).rejects.toMatchObject({ code: "EADDRINUSE" });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it.skipIf(!process.env.DATABASE_URL)(
    "never seeds demo data or writes demo.json in production",
    async () => {
      const prodDir = join(dir, "prod");
      const port = await freePort();
      const env = parseEnv({
        PARLEY_MODE: "production",
        DATABASE_URL: process.env.DATABASE_URL,
        PUBLIC_URL: `http://localhost:${port}`,
        PARLEY_SECRET: "x".repeat(32),
        PARLEY_DATA_DIR: prodDir,
        PORT: String(port),
        LOG_LEVEL: "silent",
      });
      const started = await start(env);
      try {
        expect(started.demo).toBeNull();
        expect(existsSync(join(prodDir, "demo.json"))).toBe(false);
      } finally {
        await started.close();
      }
    },
  );
});
