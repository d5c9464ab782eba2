/**
 * A tiny real SMTP server for tests (the `smtp-server` package, on a random loopback port):
 * it requires the credentials in its URL, keeps every message it accepts, and can be told
 * to refuse the next few recipients with a temporary error, as a busy mail server does.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedEmail {
  from: string;
  to: string[];
  /** The raw message: headers, a blank line, then the (encoded) body. */
  raw: string;
  /** The plain-text body, quoted-printable decoded. */
  text: string;
  header(name: string): string | undefined;
}

export interface SmtpSink {
  url: string;
  received: ReceivedEmail[];
  /** Refuse the next `n` recipients with `451 Try again later`. */
  refuseNext(n: number): void;
  close(): Promise<void>;
}

const user = "parley";
const pass = "smtp-test-password";

function decodeQuotedPrintable(body: string): string {
  return body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function parse(from: string, to: string[], raw: string): ReceivedEmail {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string) =>
    new RegExp(`^${name}: (.*)$`, "im").exec(head)?.[1]?.trim() ?? undefined;
  const qp = header("Content-Transfer-Encoding")?.toLowerCase() === "quoted-printable";
  return { from, to, raw, text: qp ? decodeQuotedPrintable(body) : body, header };
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedEmail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust, so no STARTTLS on offer.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) callback(null, { user });
      else callback(new Error("Invalid username or password"));
    },
    onRcptTo(_address, _session, callback) {
      if (refusals > 0) {
        refusals -= 1;
        callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const to = session.envelope.rcptTo.map((r) => r.address);
        received.push(parse(from, to, Buffer.concat(chunks).toString("utf8")));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo; // listen() on a TCP port: an AddressInfo
  return {
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    received,
    refuseNext(n) {
      refusals = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
