/**
 * Sign-in rate limits: per client IP (LOGIN_RATE_LIMIT_PER_IP password attempts per 15
 * minutes, across every account) and per account (the lockout, across every IP).
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestMember,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestMember,
} from "../../../test/harness";

let h: Harness;
const start = Date.now();
let offsetMs = 0;
beforeAll(async () => {
  h = await createHarness({
    now: () => new Date(start + offsetMs),
    // X-Forwarded-For names the client, so each test can be its own address.
    env: { LOGIN_RATE_LIMIT_PER_IP: "3", TRUST_PROXY: "true" },
  });
});

let lastIp = 0;
const freshIp = () => `198.51.100.${++lastIp}`;

function post(ip: string, path: string, body: unknown) {
  return h.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify(body),
  });
}

const login = (ip: string, email: string, password: string) =>
  post(ip, "/v1/auth/login", { email, password });

async function member(): Promise<TestMember> {
  const partner = await createTestPartner(h);
  return createTestMember(h, partner.id, "viewer");
}

describe("per client IP", () => {
  it("answers the attempt past the limit with 429 rate_limited and Retry-After, even with the right password", async () => {
    const ip = freshIp();
    const ana = await member();
    for (let i = 0; i < 3; i++) {
      await expectProblem(await login(ip, ana.email, "wrong password!"), 401, "unauthorized");
    }
    const limited = await login(ip, ana.email, ana.password);
    const body = await expectProblem(limited, 429, "rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(body.retryAfterSeconds).toBe(retryAfter);
    expect(limited.headers.get("set-cookie")).toBeNull();
  });

  it("counts attempts on different accounts together (no spraying one password across accounts)", async () => {
    const ip = freshIp();
    const people = [await member(), await member(), await member(), await member()];
    for (const p of people.slice(0, 3)) {
      await expectProblem(await login(ip, p.email, "Winter2026!!"), 401, "unauthorized");
    }
    const fourth = people[3];
    if (!fourth) throw new Error("four members were made");
    await expectProblem(await login(ip, fourth.email, fourth.password), 429, "rate_limited");
  });

  it("limits one address without touching another", async () => {
    const [busy, quiet] = [freshIp(), freshIp()];
    const ana = await member();
    for (let i = 0; i < 3; i++) await login(busy, ana.email, "wrong password!");
    await expectProblem(await login(busy, ana.email, ana.password), 429, "rate_limited");
    expect((await login(quiet, ana.email, ana.password)).status).toBe(200);
  });

  it("lets the address try again once the 15-minute window has passed", async () => {
    const ip = freshIp();
    const ana = await member();
    for (let i = 0; i < 3; i++) await login(ip, ana.email, "wrong password!");
    await expectProblem(await login(ip, ana.email, ana.password), 429, "rate_limited");
    offsetMs += 15 * 60 * 1000;
    expect((await login(ip, ana.email, ana.password)).status).toBe(200);
  });

  it("counts sign-ups and invitation acceptances as password attempts too", async () => {
    const ip = freshIp();
    const signup = (n: number) =>
      post(ip, "/v1/auth/signup", {
        email: `spray.${start}.${n}@shop.example`,
        password: "a long enough password",
        name: "Ana",
        company: "Shop",
      });
    expect((await signup(1)).status).toBe(201);
    expect((await signup(2)).status).toBe(201);
    const accept = await post(ip, "/v1/auth/accept-invite", {
      token: "not-a-real-token",
      name: "Ana",
      password: "a long enough password",
    });
    await expectProblem(accept, 404, "not_found");
    await expectProblem(await signup(3), 429, "rate_limited");
  });
});

describe("per account", () => {
  it("locks an account after 5 failures, whichever addresses they came from", async () => {
    const ana = await member();
    for (let i = 0; i < 5; i++) {
      await expectProblem(
        await login(freshIp(), ana.email, "wrong password!"),
        401,
        "unauthorized",
      );
    }
    await expectProblem(await login(freshIp(), ana.email, ana.password), 429, "rate_limited");
  });
});
