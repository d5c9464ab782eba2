import type { Me } from "@parley/types";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestMember,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestMember,
  type TestPartner,
} from "../../../test/harness";
import { users } from "../../db/schema";

let h: Harness;
/** Moves the injected clock forward instead of sleeping. */
let offsetMs = 0;
beforeAll(async () => {
  h = await createHarness({
    now: () => new Date(Date.now() + offsetMs),
    // Many sign-ins from one (in-process) address: throttle.test.ts covers the per-IP limit.
    env: { LOGIN_RATE_LIMIT_PER_IP: "10000" },
  });
});

let n = 0;
const uniqueEmail = () => `ana.${Date.now()}.${n++}@Shop.Example`;
const password = "a long enough password";

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return h.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** The `name=value` part of the response's session cookie. */
function sessionCookie(res: Response): string {
  const header = res.headers.get("set-cookie") ?? "";
  const match = /parley_session=([^;]*)/.exec(header);
  expect(match?.[1]).toBeTruthy();
  return `parley_session=${match?.[1]}`;
}

async function signUp(email = uniqueEmail()) {
  const res = await post("/v1/auth/signup", { email, password, name: "Ana", company: "Shop" });
  expect(res.status).toBe(201);
  const me = (await res.json()) as Me;
  return { res, me, cookie: sessionCookie(res), email: email.toLowerCase() };
}

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const me = (cookie: string) => h.app.request("/v1/auth/me", { headers: { cookie } });

describe("sign-up, me and logout", () => {
  it("signs up, answers me with the new partner, logs out, and then me is 401", async () => {
    const { res, me: created, cookie, email } = await signUp();
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/parley_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    // The default idle expiry, 12 hours (expiry.test.ts covers both limits).
    expect(setCookie).toMatch(/Max-Age=43200;/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(created).toMatchObject({
      user: { email, name: "Ana" },
      partner: { name: "Shop", planId: "free", isReseller: false, timezone: "UTC" },
      role: "owner",
      memberships: [{ partnerId: created.partner.id, partnerName: "Shop", role: "owner" }],
      entitlements: ["custom_personas"],
    });
    const [row] = await h.database.db.select().from(users).where(eq(users.email, email));
    expect(row?.passwordHash).not.toContain(password);

    const again = await me(cookie);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(created);

    const out = await h.app.request("/v1/auth/logout", {
      method: "POST",
      headers: { cookie, "x-csrf-token": created.csrfToken },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/parley_session=;.*Max-Age=0/);
    await expectProblem(await me(cookie), 401, "unauthorized");
  });

  it("refuses a second sign-up with the same email (any case) with 409 conflict", async () => {
    const { email } = await signUp();
    const res = await post("/v1/auth/signup", {
      email: email.toUpperCase(),
      password,
      name: "Other",
      company: "Other",
    });
    await expectProblem(res, 409, "conflict");
  });

  it("answers me without a cookie, or with an unknown one, with 401 unauthorized", async () => {
    await expectProblem(await h.app.request("/v1/auth/me"), 401, "unauthorized");
    await expectProblem(await me("parley_session=forged"), 401, "unauthorized");
  });

  it("marks the cookie Secure when PUBLIC_URL is https", async () => {
    const secure = await createHarness({ env: { PUBLIC_URL: "https://app.parley.example" } });
    const res = await secure.app.request("/v1/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://app.parley.example" },
      body: JSON.stringify({ email: uniqueEmail(), password, name: "Ana", company: "Shop" }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("set-cookie")).toMatch(/; Secure/);
  });
});

describe("login", () => {
  it("signs in with the right password and answers Me with a new session", async () => {
    const { email, me: first } = await signUp();
    const res = await post("/v1/auth/login", { email, password });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Me;
    expect(body.partner.id).toBe(first.partner.id);
    expect(body.csrfToken).not.toBe(first.csrfToken);
    expect((await me(sessionCookie(res))).status).toBe(200);
  });

  it("answers a wrong password and an unknown email with the same 401 body", async () => {
    const { email } = await signUp();
    const wrong = await post("/v1/auth/login", { email, password: "not the password" });
    const unknown = await post("/v1/auth/login", { email: uniqueEmail(), password });
    const a = await expectProblem(wrong, 401, "unauthorized");
    const b = await expectProblem(unknown, 401, "unauthorized");
    expect({ ...a, requestId: undefined }).toEqual({ ...b, requestId: undefined });
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("locks the account for 15 minutes after 5 failures, even for the right password", async () => {
    const { email } = await signUp();
    for (let i = 0; i < 5; i++) {
      await expectProblem(
        await post("/v1/auth/login", { email, password: "wrong!" }),
        401,
        "unauthorized",
      );
    }
    const locked = await post("/v1/auth/login", { email, password });
    const body = await expectProblem(locked, 429, "rate_limited");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(Number(locked.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
    expect(body.retryAfterSeconds).toBe(Number(locked.headers.get("retry-after")));

    offsetMs += 14 * 60 * 1000;
    await expectProblem(await post("/v1/auth/login", { email, password }), 429, "rate_limited");
    offsetMs += 61 * 1000;
    expect((await post("/v1/auth/login", { email, password })).status).toBe(200);
  });

  it("resets the failure count on success, so failures must be consecutive to lock", async () => {
    const { email } = await signUp();
    for (let i = 0; i < 4; i++) await post("/v1/auth/login", { email, password: "wrong!" });
    expect((await post("/v1/auth/login", { email, password })).status).toBe(200);
    for (let i = 0; i < 4; i++) await post("/v1/auth/login", { email, password: "wrong!" });
    expect((await post("/v1/auth/login", { email, password })).status).toBe(200);
  });

  it.each([
    ["/v1/auth/login", { email: "a@b.example", password }],
    ["/v1/auth/signup", { email: "x@b.example", password, name: "X", company: "X" }],
    ["/v1/auth/accept-invite", { token: "t", name: "X", password }],
  ])("refuses a cross-site Origin on %s with 403 forbidden", async (path, body) => {
    const res = await post(path, body, { origin: "https://evil.example" });
    await expectProblem(res, 403, "forbidden");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("accepts the dashboard's own Origin", async () => {
    const { email } = await signUp();
    const origin = new URL(h.services.env.PUBLIC_URL).origin;
    expect((await post("/v1/auth/login", { email, password }, { origin })).status).toBe(200);
  });
});

describe("CSRF on cookie requests", () => {
  let partner: TestPartner;
  let owner: TestMember;
  beforeAll(async () => {
    partner = await createTestPartner(h);
    owner = await createTestMember(h, partner.id, "owner");
  });
  const createKey = (headers: Record<string, string>) =>
    h.app.request("/v1/keys", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: owner.cookie, ...headers },
      body: JSON.stringify({ kind: "publishable", name: "Site" }),
    });

  it("refuses a write without X-CSRF-Token with 403 forbidden", async () => {
    await expectProblem(await createKey({}), 403, "forbidden");
  });

  it("refuses a write with the wrong X-CSRF-Token with 403 forbidden", async () => {
    await expectProblem(
      await createKey({ "x-csrf-token": `${owner.csrfToken}x` }),
      403,
      "forbidden",
    );
  });

  it("accepts a write with the session's X-CSRF-Token", async () => {
    expect((await createKey({ "x-csrf-token": owner.csrfToken })).status).toBe(201);
  });

  it("needs no token for reads", async () => {
    const read = await h.app.request("/v1/keys", { headers: { cookie: owner.cookie } });
    expect(read.status).toBe(200);
  });

  it("needs no token for a secret-key write, even with a cookie alongside", async () => {
    const res = await partner.request(
      "POST",
      "/v1/keys",
      { kind: "publishable" },
      {
        cookie: owner.cookie,
      },
    );
    expect(res.status).toBe(201);
  });

  it("refuses logout without the token, keeping the session", async () => {
    const res = await h.app.request("/v1/auth/logout", {
      method: "POST",
      headers: { cookie: owner.cookie },
    });
    await expectProblem(res, 403, "forbidden");
    expect((await me(owner.cookie)).status).toBe(200);
  });
});

describe("OpenAPI", () => {
  it("documents cookie auth next to the secret key, on the partner API and the auth routes", async () => {
    const doc = await json<{
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    }>(await h.app.request("/openapi.json"));
    expect(doc.components.securitySchemes.cookieAuth).toEqual(
      expect.objectContaining({ type: "apiKey", in: "cookie", name: "parley_session" }),
    );
    expect(doc.paths["/v1/keys"]?.get?.security).toEqual([{ secretKey: [] }, { cookieAuth: [] }]);
    expect(doc.paths["/v1/auth/me"]?.get?.security).toEqual([{ cookieAuth: [] }]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v1/auth/signup",
        "/v1/auth/login",
        "/v1/team",
        "/v1/team/{userId}",
      ]),
    );
  });
});
