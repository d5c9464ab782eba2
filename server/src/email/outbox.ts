/**
 * The email outbox: a row in `email_outbox` is written in the same transaction as what it
 * announces (an invitation), so an email is never sent for something that rolled back and
 * never lost for something that committed. A worker delivers due rows over SMTP: on start
 * of each attempt it claims the row (`FOR UPDATE SKIP LOCKED`, then a lease on its due
 * time), so several instances never send one email twice; a failure waits 30 s, 1 min,
 * 2 min … (at most an hour) and after `MAX_EMAIL_ATTEMPTS` the email is given up.
 */
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { emailOutbox } from "../db/schema";
import { repeatEvery } from "../domain/provisioning-retry";
import type { Services } from "../services";
import { type Email, type Mailer, safeMailError } from "./mailer";

export const MAX_EMAIL_ATTEMPTS = 8;
/** How long a claimed row is left to the worker that claimed it before others may retry. */
const LEASE_MS = 2 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

/** The wait after the `attempt`-th failure: 30 s doubling, capped at an hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(HOUR, 30_000 * 2 ** Math.max(0, attempt - 1));
}

/** Queues an email inside the caller's transaction. */
export async function enqueueEmail(
  tx: Db,
  services: Pick<Services, "newId" | "now">,
  email: Email & { partnerId?: string; invitationId?: string },
): Promise<string> {
  const id = services.newId("eml");
  await tx.insert(emailOutbox).values({
    id,
    partnerId: email.partnerId ?? null,
    invitationId: email.invitationId ?? null,
    toAddress: email.to,
    subject: email.subject,
    bodyText: email.text,
    nextAttemptAt: services.now(),
  });
  return id;
}

type OutboxServices = Pick<Services, "database" | "now" | "log">;
type Row = typeof emailOutbox.$inferSelect;

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

async function claimDue(services: OutboxServices, limit: number): Promise<Row[]> {
  const { db } = services.database;
  const now = services.now();
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now)))
    .orderBy(asc(emailOutbox.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(emailOutbox)
    .set({
      attempts: sql`${emailOutbox.attempts} + 1`,
      nextAttemptAt: new Date(now.getTime() + LEASE_MS),
    })
    .where(inArray(emailOutbox.id, due))
    .returning();
}

async function deliverOne(
  services: OutboxServices,
  mailer: Mailer,
  row: Row,
): Promise<keyof DeliveryReport> {
  const { db } = services.database;
  try {
    await mailer.send({ to: row.toAddress, subject: row.subject, text: row.bodyText });
  } catch (error) {
    const reason = safeMailError(error);
    const giveUp = row.attempts >= MAX_EMAIL_ATTEMPTS;
    services.log.warn("email delivery failed", {
      emailId: row.id,
      attempt: row.attempts,
      reason,
      gaveUp: giveUp,
    });
    await db
      .update(emailOutbox)
      .set(
        giveUp
          ? { status: "failed", bodyText: "", lastError: reason }
          : {
              lastError: reason,
              nextAttemptAt: new Date(services.now().getTime() + retryDelayMs(row.attempts)),
            },
      )
      .where(eq(emailOutbox.id, row.id));
    return giveUp ? "failed" : "retrying";
  }
  // Sent: the one-time link has done its job here and is not kept.
  await db
    .update(emailOutbox)
    .set({ status: "sent", sentAt: services.now(), bodyText: "", lastError: null })
    .where(eq(emailOutbox.id, row.id));
  services.log.info("email sent", { emailId: row.id, attempt: row.attempts });
  return "sent";
}

/** One pass: claims up to `batch` due emails and tries each once. */
export async function deliverDueEmails(
  services: OutboxServices,
  mailer: Mailer,
  batch = 20,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  for (const row of await claimDue(services, batch)) {
    report[await deliverOne(services, mailer, row)] += 1;
  }
  return report;
}

export interface EmailOutbox {
  /** Delivers what is due now (after any pass already running) and reports it. */
  deliverDue(): Promise<DeliveryReport>;
  /** Asks for a pass soon, e.g. after a commit that queued an email; never throws. */
  kick(): void;
  /** Resolves once no pass is running or asked for. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** The outbox with its worker: a pass every `intervalMs` (default 15 s) and on every kick. */
export function createEmailOutbox(
  services: OutboxServices,
  mailer: Mailer,
  options: { intervalMs?: number } = {},
): EmailOutbox {
  let tail: Promise<unknown> = Promise.resolve();
  const pass = () => {
    const run = tail.then(() => deliverDueEmails(services, mailer));
    tail = run.catch(() => {});
    return run;
  };
  const logCrash = (error: unknown) =>
    services.log.error("email outbox pass failed", {
      error: error instanceof Error ? error.name : "unknown",
    });
  const stop = repeatEvery(options.intervalMs ?? 15_000, async () => void (await pass()), logCrash);
  return {
    deliverDue: pass,
    kick() {
      pass().catch(logCrash);
    },
    async idle() {
      let seen: Promise<unknown>;
      do {
        seen = tail;
        await seen;
      } while (seen !== tail);
    },
    async close() {
      stop();
      await this.idle();
      mailer.close();
    },
  };
}
