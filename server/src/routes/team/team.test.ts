import type { CreatedInvitation, Me, TeamMember } from "@parley/types";
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
import { emailOutbox, type Role } from "../../db/schema";
import { templateId } from "../../db/seed/templates";

let h: Harness;
let offsetMs = 0;
beforeAll(async () => {
  h = await createHarness({ now: () => new Date(Date.now() + offsetMs) });
});

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
let n = 0;
const freshEmail = () => `invitee.${Date.now()}.${n++}@team.example`;
const password = "a long enough password";

function post(path: string, body: unknown) {
  return h.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const tokenOf = (invitation: CreatedInvitation) =>
  new URL(invitation.acceptUrl ?? "").hash.replace(/^#token=/, "");

type Caller = Role | "secret key";
const everyone: Caller[] = ["owner", "admin", "member", "viewer", "secret key"];
const writers: Caller[] = ["owner", "admin", "member", "secret key"];
const admins: Caller[] = ["owner", "admin", "secret key"];

/** The role matrix: each row is a request and who may make it; everyone else gets 403. */
const matrix: { method: string; path: string; body?: () => unknown; allowed: Caller[] }[] = [
  { method: "GET", path: "/v1/agents", allowed: everyone },
  {
    method: "POST",
    path: "/v1/agents",
    body: () => ({ name: "Desk", personaId: templateId("support") }),
    allowed: writers,
  },
  {
    method: "POST",
    path: "/v1/personas",
    body: () => ({ name: "Greeter", instructions: "Greet people." }),
    allowed: writers,
  },
  { method: "POST", path: "/v1/keys", body: () => ({ kind: "publishable" }), allowed: admins },
  { method: "GET", path: "/v1/keys", allowed: everyone },
  {
    method: "POST",
    path: "/v1/team/invitations",
    body: () => ({ email: freshEmail(), role: "member" }),
    allowed: admins,
  },
  { method: "GET", path: "/v1/team", allowed: everyone },
];

describe("role matrix", () => {
  let partner: TestPartner;
  const callers = new Map<Caller, TestPartner["request"]>();
  beforeAll(async () => {
    partner = await createTestPartner(h);
    callers.set("secret key", partner.request);
    for (const role of ["owner", "admin", "member", "viewer"] as const) {
      callers.set(role, (await createTestMember(h, partner.id, role)).request);
    }
  });

  const cases = matrix.flatMap((row) =>
    everyone.map((caller) => ({ ...row, caller, ok: row.allowed.includes(caller) })),
  );
  it.each(cases)("$method $path as $caller: allowed $ok", async (row) => {
    const request = callers.get(row.caller);
    if (!request) throw new Error(`no caller ${row.caller}`);
    const res = await request(row.method, row.path, row.body?.());
    if (row.ok) expect(res.status, await res.clone().text()).toBeLessThan(300);
    else await expectProblem(res, 403, "forbidden");
  });

  it("takes a role change into account on the very next request", async () => {
    const owner = await createTestMember(h, partner.id, "owner");
    const admin = await createTestMember(h, partner.id, "admin");
    expect((await admin.request("POST", "/v1/keys", { kind: "publishable" })).status).toBe(201);
    const demoted = await owner.request("PATCH", `/v1/team/${admin.userId}`, { role: "viewer" });
    expect(await json<TeamMember>(demoted)).toMatchObject({ userId: admin.userId, role: "viewer" });
    await expectProblem(
      await admin.request("POST", "/v1/keys", { kind: "publishable" }),
      403,
      "forbidden",
    );
  });
});

describe("tenancy by cookie", () => {
  it("answers another partner's agent and member with 404", async () => {
    const mine = await createTestPartner(h, { name: "Mine" });
    const theirs = await createTestPartner(h, { name: "Theirs" });
    const me = await createTestMember(h, mine.id, "owner");
    const them = await createTestMember(h, theirs.id, "owner");
    const agent = await json<{ id: string }>(
      await theirs.request("POST", "/v1/agents", {
        name: "Theirs",
        personaId: templateId("support"),
      }),
    );
    await expectProblem(await me.request("GET", `/v1/agents/${agent.id}`), 404, "not_found");
    await expectProblem(
      await me.request("PATCH", `/v1/agents/${agent.id}`, { name: "Mine now" }),
      404,
      "not_found",
    );
    await expectProblem(
      await me.request("PATCH", `/v1/team/${them.userId}`, { role: "viewer" }),
      404,
      "not_found",
    );
    await expectProblem(await me.request("DELETE", `/v1/team/${them.userId}`), 404, "not_found");
    const list = await json<{ data: TeamMember[] }>(await me.request("GET", "/v1/team"));
    expect(list.data.map((m) => m.userId)).toEqual([me.userId]);
  });
});

describe("invitations", () => {
  let partner: TestPartner;
  let owner: TestMember;
  beforeAll(async () => {
    partner = await createTestPartner(h, { name: "Inviting Co" });
    owner = await createTestMember(h, partner.id, "owner");
  });

  it("invite → accept → the new member signs in and sees the partner", async () => {
    const email = freshEmail();
    const res = await owner.request("POST", "/v1/team/invitations", { email, role: "member" });
    expect(res.status).toBe(201);
    const invitation = await json<CreatedInvitation>(res);
    // No mail server here: the link is for the inviter to pass on.
    expect(invitation).toMatchObject({ email, role: "member", delivery: "link" });
    expect(invitation.acceptUrl).toMatch(/\/dashboard\/accept-invite#token=[A-Za-z0-9_-]{43}$/);
    const queued = await h.database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, email));
    expect(queued).toEqual([]);
    const pending = await json<{ data: { id: string }[] }>(
      await owner.request("GET", "/v1/team/invitations"),
    );
    expect(pending.data.map((i) => i.id)).toContain(invitation.id);
    expect(JSON.stringify(pending)).not.toContain(tokenOf(invitation));

    const accepted = await post("/v1/auth/accept-invite", {
      token: tokenOf(invitation),
      name: "Nia",
      password,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get("set-cookie")).toMatch(/parley_session=/);
    expect(await json<Me>(accepted)).toMatchObject({
      user: { email, name: "Nia" },
      partner: { id: partner.id, name: "Inviting Co" },
      role: "member",
    });

    const login = await post("/v1/auth/login", { email, password });
    expect(login.status).toBe(200);
    expect(await json<Me>(login)).toMatchObject({ partner: { id: partner.id }, role: "member" });

    const team = await json<{ data: TeamMember[] }>(await owner.request("GET", "/v1/team"));
    expect(team.data.find((m) => m.email === email)?.role).toBe("member");
    const after = await json<{ data: { id: string }[] }>(
      await owner.request("GET", "/v1/team/invitations"),
    );
    expect(after.data.map((i) => i.id)).not.toContain(invitation.id);

    const again = await post("/v1/auth/accept-invite", {
      token: tokenOf(invitation),
      name: "Nia",
      password,
    });
    await expectProblem(again, 404, "not_found");
  });

  it("lets an existing account join only with its own password", async () => {
    const elsewhere = await createTestPartner(h);
    const existing = await createTestMember(h, elsewhere.id, "owner");
    const invitation = await json<CreatedInvitation>(
      await owner.request("POST", "/v1/team/invitations", { email: existing.email, role: "admin" }),
    );
    const wrong = await post("/v1/auth/accept-invite", {
      token: tokenOf(invitation),
      name: "X",
      password: "someone else's guess",
    });
    await expectProblem(wrong, 401, "unauthorized");
    const right = await post("/v1/auth/accept-invite", {
      token: tokenOf(invitation),
      name: "X",
      password: existing.password,
    });
    expect(await json<Me>(right)).toMatchObject({
      user: { id: existing.userId },
      partner: { id: partner.id },
      role: "admin",
    });
  });

  it("refuses an expired or cancelled invitation with 404", async () => {
    const expiring = await json<CreatedInvitation>(
      await owner.request("POST", "/v1/team/invitations", { email: freshEmail(), role: "viewer" }),
    );
    const cancelled = await json<CreatedInvitation>(
      await owner.request("POST", "/v1/team/invitations", { email: freshEmail(), role: "viewer" }),
    );
    expect((await owner.request("DELETE", `/v1/team/invitations/${cancelled.id}`)).status).toBe(
      200,
    );
    await expectProblem(
      await post("/v1/auth/accept-invite", { token: tokenOf(cancelled), name: "X", password }),
      404,
      "not_found",
    );
    offsetMs += 7 * 24 * 60 * 60 * 1000 + 1000;
    await expectProblem(
      await post("/v1/auth/accept-invite", { token: tokenOf(expiring), name: "X", password }),
      404,
      "not_found",
    );
  });

  it("refuses to invite someone already on the team with 409 conflict", async () => {
    // A fresh sign-in: the test above moved the clock past the owner's session's 7 days.
    const admin = await createTestMember(h, partner.id, "admin");
    const res = await admin.request("POST", "/v1/team/invitations", {
      email: owner.email,
      role: "admin",
    });
    await expectProblem(res, 409, "conflict");
  });
});

describe("owners", () => {
  it("never demotes or removes the last owner (409), but can once there is another", async () => {
    const partner = await createTestPartner(h);
    const first = await createTestMember(h, partner.id, "owner");
    await expectProblem(
      await first.request("PATCH", `/v1/team/${first.userId}`, { role: "admin" }),
      409,
      "conflict",
    );
    await expectProblem(await first.request("DELETE", `/v1/team/${first.userId}`), 409, "conflict");

    const second = await createTestMember(h, partner.id, "admin");
    const promoted = await first.request("PATCH", `/v1/team/${second.userId}`, { role: "owner" });
    expect(await json<TeamMember>(promoted)).toMatchObject({ role: "owner" });
    const demoted = await second.request("PATCH", `/v1/team/${first.userId}`, { role: "admin" });
    expect(await json<TeamMember>(demoted)).toMatchObject({ role: "admin" });
    await expectProblem(
      await second.request("DELETE", `/v1/team/${second.userId}`),
      409,
      "conflict",
    );
  });

  it("lets only an owner grant or take away the owner role", async () => {
    const partner = await createTestPartner(h);
    const owner = await createTestMember(h, partner.id, "owner");
    const admin = await createTestMember(h, partner.id, "admin");
    await expectProblem(
      await admin.request("PATCH", `/v1/team/${admin.userId}`, { role: "owner" }),
      403,
      "forbidden",
    );
    await expectProblem(
      await admin.request("PATCH", `/v1/team/${owner.userId}`, { role: "viewer" }),
      403,
      "forbidden",
    );
    await expectProblem(
      await admin.request("DELETE", `/v1/team/${owner.userId}`),
      403,
      "forbidden",
    );
    await expectProblem(
      await partner.request("PATCH", `/v1/team/${admin.userId}`, { role: "owner" }),
      403,
      "forbidden",
    );
  });

  it("ends a removed member's session at once", async () => {
    const partner = await createTestPartner(h);
    const owner = await createTestMember(h, partner.id, "owner");
    const member = await createTestMember(h, partner.id, "member");
    expect((await member.request("GET", "/v1/agents")).status).toBe(200);
    const removed = await owner.request("DELETE", `/v1/team/${member.userId}`);
    expect(await json(removed)).toEqual({ id: member.userId, deleted: true });
    await expectProblem(await member.request("GET", "/v1/agents"), 401, "unauthorized");
  });
});
