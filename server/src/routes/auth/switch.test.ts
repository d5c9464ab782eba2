/**
 * A user on several teams: `GET /v1/auth/me` lists the memberships, and
 * `POST /v1/auth/switch` moves the dashboard session to another of them (rotating it).
 */
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
} from "../../../test/harness";
import { auditLog, memberships, type Role, userSessions } from "../../db/schema";

const HOUR = 60 * 60 * 1000;

let h: Harness;
const start = Date.now();
let offsetMs = 0;
beforeAll(async () => {
  h = await createHarness({ now: () => new Date(start + offsetMs) });
});

/** Alice: owner of the first partner, and `role` on a second one. */
async function onTwoTeams(role: Role) {
  const home = await createTestPartner(h, { name: "Home Co" });
  const other = await createTestPartner(h, { name: "Other Co" });
  const alice = await createTestMember(h, home.id, "owner");
  await h.database.db
    .insert(memberships)
    .values({ id: h.services.newId("mem"), partnerId: other.id, userId: alice.userId, role });
  return { home, other, alice };
}

function switchTo(member: Pick<TestMember, "cookie" | "csrfToken">, partnerId: string) {
  return h.app.request("/v1/auth/switch", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie: member.cookie,
      "x-csrf-token": member.csrfToken,
    },
    body: JSON.stringify({ partnerId }),
  });
}

/** The new session's cookie and CSRF token, read from a switch's answer. */
async function sessionFrom(res: Response) {
  const cookies = res.headers.getSetCookie();
  expect(cookies).toHaveLength(1);
  const token = /parley_session=([^;]+)/.exec(cookies[0] ?? "")?.[1];
  expect(token).toBeTruthy();
  const me = (await res.json()) as Me;
  return { cookie: `parley_session=${token}`, csrfToken: me.csrfToken, me };
}

const get = (cookie: string, path: string) => h.app.request(path, { headers: { cookie } });
function post(session: { cookie: string; csrfToken: string }, path: string, body: unknown) {
  return h.app.request(path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
    },
    body: JSON.stringify(body),
  });
}

describe("memberships in me", () => {
  it("lists every partner the user belongs to with the role there, oldest first", async () => {
    const { home, other, alice } = await onTwoTeams("viewer");
    const me = (await (await get(alice.cookie, "/v1/auth/me")).json()) as Me;
    expect(me.partner.id).toBe(home.id);
    expect(me.memberships).toEqual([
      { partnerId: home.id, partnerName: "Home Co", role: "owner" },
      { partnerId: other.id, partnerName: "Other Co", role: "viewer" },
    ]);
  });
});

describe("switching partner", () => {
  it("acts for the other partner, with a new cookie and CSRF token, and ends the old session", async () => {
    const { other, alice } = await onTwoTeams("admin");
    const res = await switchTo(alice, other.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/);
    const next = await sessionFrom(res);
    expect(next.cookie).not.toBe(alice.cookie);
    expect(next.csrfToken).not.toBe(alice.csrfToken);
    expect(next.me).toMatchObject({ partner: { id: other.id, name: "Other Co" }, role: "admin" });

    const me = (await (await get(next.cookie, "/v1/auth/me")).json()) as Me;
    expect(me.partner.id).toBe(other.id);
    await expectProblem(await get(alice.cookie, "/v1/auth/me"), 401, "unauthorized");
    const audit = await h.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.partnerId, other.id));
    expect(audit.map((a) => a.action)).toContain("auth.partner_switched");
  });

  it("shows the new partner's data and never the old one's", async () => {
    const { home, other, alice } = await onTwoTeams("member");
    const homeKey = await (await home.request("GET", "/v1/keys")).json();
    const next = await sessionFrom(await switchTo(alice, other.id));
    const keys = (await (await get(next.cookie, "/v1/keys")).json()) as { data: { id: string }[] };
    const otherKeys = (await (await other.request("GET", "/v1/keys")).json()) as typeof keys;
    expect(keys.data.map((k) => k.id).sort()).toEqual(otherKeys.data.map((k) => k.id).sort());
    expect(keys).not.toEqual(homeKey);
  });

  it("applies the role the user has at the partner switched to, both ways", async () => {
    const { home, other, alice } = await onTwoTeams("viewer");
    // Owner at home: may create a key.
    expect((await alice.request("POST", "/v1/keys", { kind: "publishable" })).status).toBe(201);
    const asViewer = await sessionFrom(await switchTo(alice, other.id));
    expect((await get(asViewer.cookie, "/v1/agents")).status).toBe(200);
    await expectProblem(
      await post(asViewer, "/v1/keys", { kind: "publishable" }),
      403,
      "forbidden",
    );
    const back = await sessionFrom(await switchTo(asViewer, home.id));
    expect(back.me.role).toBe("owner");
    expect((await post(back, "/v1/keys", { kind: "publishable" })).status).toBe(201);
  });

  it("answers 404 for a partner the user is not a member of, keeping the session", async () => {
    const { alice } = await onTwoTeams("member");
    const stranger = await createTestPartner(h, { name: "Stranger Co" });
    await expectProblem(await switchTo(alice, stranger.id), 404, "not_found");
    await expectProblem(await switchTo(alice, "ptn_does_not_exist"), 404, "not_found");
    const me = (await (await get(alice.cookie, "/v1/auth/me")).json()) as Me;
    expect(me.memberships.map((m) => m.partnerName)).not.toContain("Stranger Co");
  });

  it("refuses a switch without the session's X-CSRF-Token with 403", async () => {
    const { other, alice } = await onTwoTeams("admin");
    const missing = await h.app.request("/v1/auth/switch", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: alice.cookie },
      body: JSON.stringify({ partnerId: other.id }),
    });
    await expectProblem(missing, 403, "forbidden");
    await expectProblem(
      await switchTo({ cookie: alice.cookie, csrfToken: "forged" }, other.id),
      403,
      "forbidden",
    );
    // Still signed in to the first partner.
    const me = (await (await get(alice.cookie, "/v1/auth/me")).json()) as Me;
    expect(me.partner.name).toBe("Home Co");
  });

  it("refuses a secret key and an anonymous caller with 401", async () => {
    const { other } = await onTwoTeams("admin");
    const bySecretKey = await other.request("POST", "/v1/auth/switch", { partnerId: other.id });
    await expectProblem(bySecretKey, 401, "unauthorized");
    const anonymous = await h.app.request("/v1/auth/switch", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ partnerId: other.id }),
    });
    await expectProblem(anonymous, 401, "unauthorized");
  });

  it("keeps the absolute expiry of the original sign-in", async () => {
    const { other, alice } = await onTwoTeams("admin");
    const [before] = await h.database.db
      .select()
      .from(userSessions)
      .where(eq(userSessions.userId, alice.userId));
    offsetMs += 2 * HOUR;
    const next = await sessionFrom(await switchTo(alice, other.id));
    const [after] = await h.database.db
      .select()
      .from(userSessions)
      .where(eq(userSessions.userId, alice.userId));
    expect(after?.id).not.toBe(before?.id);
    expect(after?.createdAt).toEqual(before?.createdAt);
    // Used every 11 hours, it lives until 7 days after the original sign-in, not the switch.
    for (let i = 0; i < 15; i++) {
      offsetMs += 11 * HOUR;
      expect((await get(next.cookie, "/v1/auth/me")).status).toBe(200);
    }
    offsetMs += 2 * HOUR;
    await expectProblem(await get(next.cookie, "/v1/auth/me"), 401, "unauthorized");
  });
});
