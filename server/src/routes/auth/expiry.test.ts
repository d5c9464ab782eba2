/**
 * Dashboard session expiry: idle (12 h without a request by default) and absolute (7 days
 * after the password by default), both set by the environment. Time moves on the harness's
 * injected clock, never by sleeping.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestMember,
  createTestPartner,
  expectProblem,
  type Harness,
} from "../../../test/harness";
import { userSessions } from "../../db/schema";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** A harness whose clock stands still until the test moves it with `advance`. */
async function clocked(env: Record<string, string> = {}) {
  const start = Date.now();
  let offsetMs = 0;
  const h = await createHarness({ now: () => new Date(start + offsetMs), env });
  const advance = (ms: number) => {
    offsetMs += ms;
  };
  return { h, advance };
}

async function signedIn(h: Harness) {
  const partner = await createTestPartner(h);
  return createTestMember(h, partner.id, "owner");
}

const me = (h: Harness, cookie: string) => h.app.request("/v1/auth/me", { headers: { cookie } });

const sessionsOf = (h: Harness, userId: string) =>
  h.database.db.select().from(userSessions).where(eq(userSessions.userId, userId));

function maxAge(res: Response): number | null {
  const match = /Max-Age=(\d+)/.exec(res.headers.get("set-cookie") ?? "");
  return match?.[1] ? Number(match[1]) : null;
}

describe("with the default limits (12 h idle, 7 days absolute)", () => {
  let h: Harness;
  let advance: (ms: number) => void;
  beforeAll(async () => {
    ({ h, advance } = await clocked());
  });

  it("ends a session left unused for 12 hours with 401, and deletes it", async () => {
    const member = await signedIn(h);
    advance(12 * HOUR - MINUTE);
    expect((await me(h, member.cookie)).status).toBe(200);
    // That request slid the idle expiry: 12 more hours from now.
    advance(12 * HOUR - MINUTE);
    expect((await me(h, member.cookie)).status).toBe(200);
    advance(12 * HOUR + MINUTE);
    await expectProblem(await me(h, member.cookie), 401, "unauthorized");
    expect(await sessionsOf(h, member.userId)).toEqual([]);
  });

  it("ends a busy session 7 days after sign-in, however recently it was used", async () => {
    const member = await signedIn(h);
    // Used every 11 hours: never idle for 12, but 15 × 11 h = 165 h < 168 h = 7 days.
    for (let i = 0; i < 15; i++) {
      advance(11 * HOUR);
      expect((await me(h, member.cookie)).status).toBe(200);
    }
    advance(4 * HOUR);
    await expectProblem(await me(h, member.cookie), 401, "unauthorized");
    expect(await sessionsOf(h, member.userId)).toEqual([]);
  });

  it("slides the idle expiry at most once an hour, refreshing the cookie when it does", async () => {
    const member = await signedIn(h);
    const [before] = await sessionsOf(h, member.userId);
    advance(30 * MINUTE);
    const quiet = await me(h, member.cookie);
    expect(quiet.headers.get("set-cookie")).toBeNull();
    expect((await sessionsOf(h, member.userId))[0]?.expiresAt).toEqual(before?.expiresAt);

    advance(31 * MINUTE);
    const slid = await me(h, member.cookie);
    expect(maxAge(slid)).toBe(12 * 60 * 60);
    const [after] = await sessionsOf(h, member.userId);
    expect(after?.expiresAt.getTime()).toBe((before?.expiresAt.getTime() ?? 0) + 61 * MINUTE);
  });

  it("never lets the cookie outlive the absolute expiry", async () => {
    const member = await signedIn(h);
    for (let i = 0; i < 15; i++) {
      advance(11 * HOUR);
      await me(h, member.cookie);
    }
    // 165 h in: 3 hours left of the 7 days, less than the 12 h idle allowance.
    advance(HOUR);
    const res = await me(h, member.cookie);
    expect(res.status).toBe(200);
    expect(maxAge(res)).toBe(2 * 60 * 60);
  });

  it("refuses a CSRF-protected write on an expired session with 401, not 403", async () => {
    const member = await signedIn(h);
    advance(13 * HOUR);
    await expectProblem(
      await member.request("POST", "/v1/keys", { kind: "publishable" }),
      401,
      "unauthorized",
    );
  });
});

describe("with limits from the environment (30 min idle, 1 hour absolute)", () => {
  let h: Harness;
  let advance: (ms: number) => void;
  beforeAll(async () => {
    ({ h, advance } = await clocked({
      DASHBOARD_SESSION_IDLE_MINUTES: "30",
      DASHBOARD_SESSION_MAX_HOURS: "1",
    }));
  });

  it("ends a session after 30 idle minutes", async () => {
    const idle = await signedIn(h);
    advance(29 * MINUTE);
    expect((await me(h, idle.cookie)).status).toBe(200);
    advance(31 * MINUTE);
    await expectProblem(await me(h, idle.cookie), 401, "unauthorized");
  });

  it("ends a busy session an hour after sign-in", async () => {
    const busy = await signedIn(h);
    for (let i = 0; i < 3; i++) {
      advance(15 * MINUTE);
      expect((await me(h, busy.cookie)).status).toBe(200);
    }
    // 61 minutes after sign-in, 16 after the last request.
    advance(16 * MINUTE);
    await expectProblem(await me(h, busy.cookie), 401, "unauthorized");
  });

  it("sets the sign-in cookie's Max-Age to the idle limit", async () => {
    const partner = await createTestPartner(h);
    const member = await createTestMember(h, partner.id, "owner");
    const res = await h.app.request("/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: member.email, password: member.password }),
    });
    expect(res.status).toBe(200);
    expect(maxAge(res)).toBe(30 * 60);
  });
});
