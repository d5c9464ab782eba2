/**
 * `pnpm start`: environment → database (migrated, reference data, demo data in demo mode)
 * → app → HTTP server, with a banner that says where to go. `start()` is the same thing as a
 * function, so tests and later layers (the WebSocket simulator) can hold the `server`.
 */
import { existsSync } from "node:fs";
import { Server } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { serve } from "@hono/node-server";
import { type App, newApp } from "./app";
import { loadOrCreateKeyRing } from "./auth/key-ring";
import type { Database } from "./db/client";
import { openDatabaseFromEnv, pgliteDir } from "./db/open";
import { type DemoInfo, seedDemo, writeDemoFile } from "./db/seed/demo";
import { seedReference } from "./db/seed/reference";
import { retryProvisioning } from "./domain/provisioning-retry";
import { startSweeper } from "./domain/sweeper";
import { type Env, parseEnv, repoRoot } from "./env";
import { createLogger } from "./logger";
import { createRuntime, type Runtime } from "./runtime";
import type { Services } from "./services";

export interface Started {
  server: Server;
  app: App;
  services: Services;
  /** The demo's credentials (demo mode only). */
  demo: DemoInfo | null;
  demoFile: string | null;
  /** Stops accepting requests, lets open ones finish (up to 5 s), then closes the runtime and database. */
  close(): Promise<void>;
}

export const staticDirs = {
  widget: join(repoRoot, "widget", "dist"),
  dashboard: join(repoRoot, "dashboard", "dist"),
  examples: join(repoRoot, "examples"),
};

export async function start(env: Env): Promise<Started> {
  const log = createLogger(env.LOG_LEVEL);
  const database = await openDatabaseFromEnv(env);
  let runtime: Runtime | undefined;
  try {
    await database.migrate();
    await seedReference(database);
    runtime = await createRuntime({ env, database, log });
    const { services } = runtime;

    let demo: DemoInfo | null = null;
    let demoFile: string | null = null;
    // Demo data and its plaintext keys never exist in production.
    if (env.PARLEY_MODE === "demo") {
      demoFile = join(env.PARLEY_DATA_DIR, "demo.json");
      demo = await seedDemo(database, services, { publicUrl: env.PUBLIC_URL, demoFile });
      await writeDemoFile(demoFile, demo);
    }

    const app = newApp(services, {
      staticDirs,
      publicDemo: demo ? { publishableKey: demo.publishableKey, agents: demo.agents } : undefined,
    });
    runtime.attach(app);
    runtime.startProvisioningRetry();
    // One round now, not a minute from now: agents seeded or left `pending` (the demo's premium
    // agents, a crash mid-provisioning) would otherwise show "Setting up…" until then.
    retryProvisioning(services, { minAgeMs: 0 }).catch(() =>
      log.error("provisioning at start failed"),
    );
    const server = await listen(app, env);
    const simulator = services.simulator;
    // The simulator's provider WebSockets share the API's port, like the real providers' own.
    if (simulator) {
      server.on("upgrade", (req, socket, head) => {
        if (!simulator.handleUpgrade(req, socket, head)) socket.destroy();
      });
    }
    const stopSweeper = startSweeper(database, services.now, (error) =>
      log.error("sweeper failed", { error: error instanceof Error ? error.name : "unknown" }),
    );
    // `keys:rotate` writes a new ring; SIGHUP makes a running server pick it up.
    const reloadKeys = () => {
      loadOrCreateKeyRing(env.SIGNING_KEYS_FILE, env.PARLEY_SECRET).then(
        (ring) => {
          services.signer.setRing(ring);
          log.info("signing keys reloaded", { kid: ring.current.kid });
        },
        () => log.error("signing keys reload failed"),
      );
    };
    process.on("SIGHUP", reloadKeys);
    log.info("listening", { host: env.HOST, port: env.PORT, mode: env.PARLEY_MODE });
    let closing: Promise<void> | undefined;
    const stopRuntime = runtime;
    const close = () => {
      stopSweeper();
      process.off("SIGHUP", reloadKeys);
      closing ??= shutdown(server, stopRuntime, database);
      return closing;
    };
    return { server, app, services, demo, demoFile, close };
  } catch (err) {
    await runtime?.close().catch(() => {});
    await database.close().catch(() => {});
    throw err;
  }
}

function listen(app: App, env: Env): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST });
    // serve() builds a node:http server unless told otherwise; the check keeps the type honest.
    if (!(server instanceof Server)) {
      reject(new Error("expected a node:http server"));
      return;
    }
    server.once("error", reject);
    server.once("listening", () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

async function shutdown(server: Server, runtime: Runtime, database: Database) {
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), 5_000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
  await runtime.close();
  await database.close();
}

function banner(env: Env, started: Started): string {
  const url = env.PUBLIC_URL.replace(/\/+$/, "");
  const built = (dir: string, path: string, build: string) =>
    existsSync(dir) ? `${url}${path}` : `${url}${path}  (not built yet: ${build})`;
  const lines = [
    "",
    `  Parley is running (${env.PARLEY_MODE} mode)`,
    "",
    `  Dashboard     ${built(staticDirs.dashboard, "/dashboard/", "pnpm build")}`,
    `  Example page  ${built(staticDirs.examples, "/examples/", "see examples/")}`,
    `  API docs      ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
    `  Health        ${url}/healthz, ${url}/readyz`,
    `  Database      ${env.DATABASE_URL ? "Postgres (DATABASE_URL)" : `PGlite in ${pgliteDir(env)}`}`,
  ];
  if (started.demo) {
    lines.push(
      "",
      `  Demo login    ${started.demo.login.email} / ${started.demo.login.password}`,
      `  Site key      ${started.demo.publishableKey}  (allowed on ${started.demo.allowedOrigin})`,
      `  Agents        ${started.demo.agents.map((a) => `${a.name} ${a.id}`).join(", ")}`,
      `  demo.json     ${started.demoFile}  (secret key and the above)`,
    );
  }
  lines.push("", "  Press Ctrl+C to stop.", "");
  return lines.join("\n");
}

/** One sentence for the operator: no stack, and no SQL from a failed query. */
function describeStartupError(err: unknown, env: Env | undefined): string {
  let e: unknown = err;
  while (e instanceof Error && e.message.startsWith("Failed query") && e.cause) e = e.cause;
  const code = e instanceof Error && "code" in e ? String(e.code) : "";
  if (code === "EADDRINUSE") {
    return `Port ${env?.PORT} on ${env?.HOST} is already in use: stop the other process or set PORT.`;
  }
  if (code === "ECONNREFUSED")
    return "Cannot reach the database named by DATABASE_URL (connection refused).";
  const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
  return `Could not start: ${message}`;
}

async function main() {
  try {
    process.loadEnvFile(join(repoRoot, ".env"));
  } catch (err) {
    // No .env is the normal case; anything else (unreadable, malformed) is worth saying.
    if (!(err instanceof Error && "code" in err && err.code === "ENOENT")) {
      console.error(`Could not read .env: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    }
  }
  let env: Env;
  try {
    env = parseEnv();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  let started: Started;
  try {
    started = await start(env);
  } catch (err) {
    console.error(describeStartupError(err, env));
    process.exit(1);
  }
  process.stdout.write(`${banner(env, started)}\n`);
  const stop = (signal: string) => {
    started.services.log.info("shutting down", { signal });
    started.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) void main();
