/**
 * Invitations by email: with SMTP_URL set, an invitation queues its email in the outbox and
 * the worker delivers it to a real (in-process) SMTP server, retrying a busy one with backoff
 * and giving up after MAX_EMAIL_ATTEMPTS. The clock is the harness's, moved by the test.
 */
import type { CreatedInvitation, Me } from "@parley/types";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestMember,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestMember,
} from "../../test/harness";
import { type SmtpSink, startSmtpSink } from "../../test/smtp-sink";
import { emailOutbox } from "../db/schema";
import { createSmtpMailer } from "./mailer";
import { deliverDueEmails, type EmailOutbox, MAX_EMAIL_ATTEMPTS, retryDelayMs } from "./outbox";

let h: Harness;
let sink: SmtpSink;
let outbox: EmailOutbox;
let owner: TestMember;
const start = Date.now();
let offsetMs = 0;
const advance = (ms: number) => {
  offsetMs += ms;
};

beforeAll(async () => {
  sink = await startSmtpSink();
  h = await createHarness({ now: () => new Date(start + offsetMs), env: { SMTP_URL: sink.url } });
  if (!h.services.email) throw new Error("SMTP_URL should turn the outbox on");
  outbox = h.services.email;
  const partner = await createTestPartner(h, { name: "Mail Co" });
  owner = await createTestMember(h, partner.id, "owner");
});
afterAll(async () => {
  await sink.close();
});

let n = 0;
const freshEmail = () => `invitee.${start}.${n++}@mail.example`;

async function invite(email: string, role = "member") {
  const res = await owner.request("POST", "/v1/team/invitations", { email, role });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedInvitation;
}

async function outboxRow(to: string) {
  const rows = await h.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to));
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0];
}

const receivedBy = (to: string) => sink.received.filter((m) => m.to.includes(to));

describe("invitation emails", () => {
  it("emails the link instead of showing it, and the emailed link joins the team", async () => {
    const email = freshEmail();
    const invitation = await invite(email);
    expect(invitation).toMatchObject({ email, delivery: "email", acceptUrl: null });

    // The invitation's commit kicks the worker: no need to wait for its timer.
    await outbox.idle();
    const [message] = receivedBy(email);
    expect(message?.from).toBe("no-reply@localhost");
    expect(message?.header("Subject")).toBe("Join Mail Co on Parley");
    expect(message?.text).toContain("Test user invited you to join Mail Co on Parley as a member.");
    const link = /http:\/\/localhost:8787\/dashboard\/accept-invite#token=([A-Za-z0-9_-]{43})/.exec(
      message?.text ?? "",
    );
    expect(link).not.toBeNull();

    const accepted = await h.app.request("/v1/auth/accept-invite", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: link?.[1], name: "Nia", password: "a long enough password" }),
    });
    expect(accepted.status).toBe(200);
    expect((await accepted.json()) as Me).toMatchObject({ user: { email }, role: "member" });

    // Sent: the one-time link is not kept in the table.
    expect(await outboxRow(email)).toMatchObject({
      status: "sent",
      attempts: 1,
      bodyText: "",
      lastError: null,
    });
  });

  it("queues nothing for a refused invitation", async () => {
    const res = await owner.request("POST", "/v1/team/invitations", {
      email: owner.email,
      role: "admin",
    });
    await expectProblem(res, 409, "conflict");
    expect(await outboxRow(owner.email)).toBeUndefined();
  });

  it("retries a refused email after 30 s, then 1 min, and delivers it", async () => {
    const email = freshEmail();
    sink.refuseNext(2);
    await invite(email);
    await outbox.idle();
    const first = await outboxRow(email);
    expect(first).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "EENVELOPE SMTP 451",
    });
    expect(first?.nextAttemptAt.getTime()).toBe(start + offsetMs + 30_000);

    expect(await outbox.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    advance(30_000);
    expect(await outbox.deliverDue()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect((await outboxRow(email))?.nextAttemptAt.getTime()).toBe(start + offsetMs + 60_000);
    advance(60_000);
    expect(await outbox.deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(receivedBy(email)).toHaveLength(1);
    expect(await outboxRow(email)).toMatchObject({ status: "sent", attempts: 3, lastError: null });
  });

  it(`gives up after ${MAX_EMAIL_ATTEMPTS} attempts and blanks the body`, async () => {
    const email = freshEmail();
    sink.refuseNext(1000);
    await invite(email);
    await outbox.idle();
    for (let attempt = 1; attempt < MAX_EMAIL_ATTEMPTS; attempt++) {
      advance(retryDelayMs(attempt));
      await outbox.deliverDue();
    }
    sink.refuseNext(0);
    expect(await outboxRow(email)).toMatchObject({
      status: "failed",
      attempts: MAX_EMAIL_ATTEMPTS,
      bodyText: "",
      lastError: "EENVELOPE SMTP 451",
    });
    advance(2 * 60 * 60 * 1000);
    await outbox.deliverDue();
    expect(receivedBy(email)).toEqual([]);
  });

  it("drops a pending email when its invitation is cancelled", async () => {
    const email = freshEmail();
    sink.refuseNext(1);
    const invitation = await invite(email);
    await outbox.idle();
    expect(await outboxRow(email)).toMatchObject({ status: "pending" });
    expect((await owner.request("DELETE", `/v1/team/invitations/${invitation.id}`)).status).toBe(
      200,
    );
    expect(await outboxRow(email)).toBeUndefined();
    advance(60_000);
    await outbox.deliverDue();
    expect(receivedBy(email)).toEqual([]);
  });

  it("sends an email once when two workers pass at the same time", async () => {
    const email = freshEmail();
    sink.refuseNext(1);
    await invite(email);
    await outbox.idle();
    advance(30_000);
    const workers = [
      createSmtpMailer(sink.url, "a@x.example"),
      createSmtpMailer(sink.url, "b@x.example"),
    ];
    const reports = await Promise.all(workers.map((m) => deliverDueEmails(h.services, m)));
    for (const m of workers) m.close();
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    expect(receivedBy(email)).toHaveLength(1);
  });
});

describe("retryDelayMs", () => {
  it("doubles from 30 seconds and stops at an hour", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20)).toBe(60 * 60 * 1000);
  });
});
