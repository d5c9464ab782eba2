/**
 * Starts the real Parley server (demo mode, simulator providers) on a free port, the way
 * `pnpm start` does, with its data in a throwaway directory.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import type { DemoInfo } from "../../../server/src/db/seed/demo";
import { parseEnv } from "../../../server/src/env";
import { type Started, start } from "../../../server/src/main";

export interface Parley {
  /** `http://127.0.0.1:<port>`: the demo key's allowed origin, so pages open here. */
  base: string;
  demo: DemoInfo;
  started: Started;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

export async function startParley(): Promise<Parley> {
  const dir = await mkdtemp(join(tmpdir(), "parley-e2e-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // global-setup.ts gives the run a fresh database when DATABASE_URL names a server.
  const databaseUrl = inject("e2eDatabaseUrl");
  const started = await start(
    parseEnv({
      PARLEY_MODE: "demo",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: base,
      PARLEY_DATA_DIR: dir,
      LOG_LEVEL: "silent",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    }),
  );
  if (!started.demo) throw new Error("demo mode started without demo data");
  return {
    base,
    demo: started.demo,
    started,
    close: async () => {
      await started.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
