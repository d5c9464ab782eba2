/**
 * Sending one email over SMTP with nodemailer. `SMTP_URL` names the server
 * (`smtp://user:pass@host:587` upgrades with STARTTLS when offered; `smtps://…:465` is TLS
 * from the start). The outbox (./outbox.ts) decides what and when; this only sends.
 */
import { createTransport } from "nodemailer";

export interface Email {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(email: Email): Promise<void>;
  close(): void;
}

export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = createTransport(url, { from });
  return {
    async send(email) {
      await transport.sendMail(email);
    },
    close() {
      transport.close();
    },
  };
}

/**
 * What may be stored and logged about a failed send: nodemailer's error code and the SMTP
 * reply code, never the server's reply text or our message (which holds a one-time link).
 */
export function safeMailError(error: unknown): string {
  if (typeof error !== "object" || error === null) return "unexpected error";
  const code = "code" in error && typeof error.code === "string" ? error.code : null;
  const reply =
    "responseCode" in error && typeof error.responseCode === "number" ? error.responseCode : null;
  const parts = [code, reply === null ? null : `SMTP ${reply}`].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "unexpected error";
}
