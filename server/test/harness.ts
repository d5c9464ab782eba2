/**
 * One harness for every route test: a migrated database (in-memory PGlite, or the real
 * Postgres named by DATABASE_URL), the app with injected services, and partners with keys.
 */
import { afterAll, expect } from "vitest";
import { newApp } from "../src/app";
import { SESSION_COOKIE, startSession } from "../src/auth/dashboard-session";
import { memoryKeyRing } from "../src/auth/key-ring";
import { displayPrefix, generateKey, hashKey } from "../src/auth/keys";
import { hashPassword } from "../src/auth/passwords";
import { type Database, openDatabase } from "../src/db/client";
import { apiKeys, memberships, type Role, users } from "../src/db/schema";
import { seedReference } from "../src/db/seed/reference";
import { createPartner, type NewPartner } from "../src/domain/partners";
import type { RateLimitRule } from "../src/domain/rate-limit";
import { parseEnv } from "../src/env";
import { silentLogger } from "../src/logger";
import { createRuntime } from "../src/runtime";
import type { Services } from "../src/services";

export interface Harness {
  services: Services;
  app: ReturnType<typeof newApp>;
  database: Database;
}

export async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) return openDatabase({ url, maxConnections: 5 });
  const database = await openDatabase({ memory: true });
  await database.migrate();
  await seedReference(database);
  return database;
}

export interface HarnessOptions {
  now?: () => Date;
  env?: Record<string, string>;
  rateLimit?: RateLimitRule;
  /** Replace any service after the runtime is built (e.g. a provider that fails). */
  override?: (services: Services) => Partial<Services>;
}

/**
 * Builds a harness with the same runtime wiring as main.ts (signer, simulator-backed
 * providers, rate limiter, cache) and closes it after the file's tests.
 */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const database = await openTestDatabase();
  const runtime = await createRuntime({
    env: parseEnv({ PARLEY_MODE: "demo", LOG_LEVEL: "silent", ...options.env }),
    database,
    log: silentLogger,
    now: options.now,
    ring: await memoryKeyRing(),
    rateLimit: options.rateLimit ?? { limit: 10_000, windowSeconds: 60 },
    simulatorTiming: { pingIntervalMs: 60_000 },
  });
  const services: Services = { ...runtime.services, ...options.override?.(runtime.services) };
  const app = newApp(services);
  runtime.attach(app);
  afterAll(async () => {
    await runtime.close();
    await database.close();
  });
  return { services, database, app };
}

export interface TestPartner {
  id: string;
  secretKey: string;
  publishableKey: string;
  /** A JSON request to the app as this partner. */
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

export async function insertKey(
  h: Harness,
  partnerId: string,
  kind: "publishable" | "secret",
  allowedOrigins: string[] = [],
) {
  const key = generateKey(kind, "live");
  const id = h.services.newId("key");
  await h.database.db.insert(apiKeys).values({
    id,
    partnerId,
    kind,
    mode: "live",
    displayPrefix: displayPrefix(key),
    hash: hashKey(key),
    allowedOrigins,
  });
  return { id, key };
}

export async function createTestPartner(
  h: Harness,
  input: Partial<NewPartner> = {},
): Promise<TestPartner> {
  const id = await createPartner(h.database.db, h.services, {
    name: "Test partner",
    planId: "pro",
    ...input,
  });
  const secret = await insertKey(h, id, "secret");
  const publishable = await insertKey(h, id, "publishable", ["https://shop.example"]);
  const request = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    h.app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${secret.key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  return { id, secretKey: secret.key, publishableKey: publishable.key, request };
}

export interface TestMember {
  userId: string;
  email: string;
  password: string;
  /** The `Cookie` header value of the member's dashboard session. */
  cookie: string;
  csrfToken: string;
  /** A JSON request with the session cookie and its CSRF token. */
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

/** A dashboard user with `role` on the partner, signed in (cookie session). */
export async function createTestMember(
  h: Harness,
  partnerId: string,
  role: Role = "owner",
): Promise<TestMember> {
  const userId = h.services.newId("usr");
  const email = `${userId.toLowerCase()}@team.example`;
  const password = "correct horse battery";
  const passwordHash = await hashPassword(password);
  await h.database.db.insert(users).values({ id: userId, email, name: "Test user", passwordHash });
  const membership = { id: h.services.newId("mem"), partnerId, userId, role };
  await h.database.db.insert(memberships).values(membership);
  const session = await startSession(h.database.db, h.services, userId, partnerId);
  const cookie = `${SESSION_COOKIE}=${session.token}`;
  const request = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    h.app.request(path, {
      method,
      headers: {
        cookie,
        "x-csrf-token": session.csrfToken,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { userId, email, password, cookie, csrfToken: session.csrfToken, request };
}

/** Reads a problem+json response and checks its shape and code. */
export async function expectProblem(res: Response, status: number, code: string) {
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = (await res.json()) as Record<string, unknown>;
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  expect(body).toMatchObject({ status, type: `/problems/${code}` });
  expect(typeof body.title).toBe("string");
  expect(typeof body.detail).toBe("string");
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+|select |insert into|stack/i);
  return body;
}
