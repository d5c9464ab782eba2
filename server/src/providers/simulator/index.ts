import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Hono } from "hono";
import { WebSocketServer } from "ws";
import { type Logger, silentLogger } from "../../logger";
import {
  defaultTiming,
  nowSeconds,
  type SimulatorContext,
  type SimulatorTiming,
  type StoredAgent,
  type StoredClientSecret,
} from "./context";
import { elevenLabsHttp } from "./elevenlabs-http";
import { ElevenLabsConversation } from "./elevenlabs-ws";
import { openAiHttp } from "./openai-http";
import { RealtimeSession } from "./openai-ws";
import { verifyConversation } from "./signing";

export { TerminationReason } from "./elevenlabs-ws";
export { signatureHeader } from "./webhook";

export interface SimulatorOptions {
  /** Where browsers reach this server, e.g. `http://localhost:8787`; signed URLs point here. */
  publicUrl: string;
  signingSecret: string;
  /** The server's ElevenLabs post-call webhook endpoint. */
  webhookUrl: string;
  webhookSecret: string;
  now?: () => Date;
  log?: Logger;
  fetch?: typeof fetch;
  timing?: Partial<SimulatorTiming>;
}

export interface Simulator {
  /** HTTP routes; mount with `app.route("/simulator", sim.app)`. */
  app: Hono;
  /** Call from the Node server's `upgrade` event; returns true if the socket was taken. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

const ELEVENLABS_WS = "/simulator/elevenlabs/v1/convai/conversation";
const OPENAI_WS = "/simulator/openai/v1/realtime";
const EPHEMERAL_KEY_PROTOCOL = "openai-insecure-api-key.";

function reject(socket: Duplex, status: 401 | 403 | 503, message: string): true {
  const body = JSON.stringify({ detail: { status: "unauthorized", message } });
  const text = { 401: "Unauthorized", 403: "Forbidden", 503: "Service Unavailable" }[status];
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  return true;
}

function protocols(req: IncomingMessage): string[] {
  return (req.headers["sec-websocket-protocol"] ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * A local stand-in for ElevenLabs Agents and OpenAI Realtime that speaks their real HTTP and
 * WebSocket protocols, so Parley runs end to end with no provider reachable.
 */
export function createSimulator(options: SimulatorOptions): Simulator {
  const ctx: SimulatorContext = {
    publicUrl: options.publicUrl.replace(/\/$/, ""),
    signingSecret: options.signingSecret,
    webhookUrl: options.webhookUrl,
    webhookSecret: options.webhookSecret,
    now: options.now ?? (() => new Date()),
    log: options.log ?? silentLogger,
    fetch: options.fetch ?? globalThis.fetch,
    timing: { ...defaultTiming, ...options.timing },
    agents: new Map<string, StoredAgent>(),
    clientSecrets: new Map<string, StoredClientSecret>(),
    closed: false,
  };
  const live = new Set<{ shutdown(): void }>();
  const forget = (session: { shutdown(): void }) => live.delete(session);

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered, req) => {
      const wanted = (req.url ?? "").startsWith(OPENAI_WS) ? "realtime" : "convai";
      return offered.has(wanted) ? wanted : false;
    },
  });

  const app = new Hono();
  app.route("/elevenlabs", elevenLabsHttp(ctx));
  app.route("/openai", openAiHttp(ctx));

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? "/", "http://simulator.invalid");
    if (url.pathname !== ELEVENLABS_WS && url.pathname !== OPENAI_WS) return false;
    if (ctx.closed) return reject(socket, 503, "The simulator is shutting down.");

    if (url.pathname === ELEVENLABS_WS) {
      const check = verifyConversation(ctx.signingSecret, url.searchParams, nowSeconds(ctx));
      if (!check.ok) return reject(socket, check.status, check.reason);
      wss.handleUpgrade(req, socket, head, (ws) => {
        live.add(new ElevenLabsConversation(ctx, ws, check.grant, forget));
      });
      return true;
    }

    const fromProtocol = protocols(req)
      .find((p) => p.startsWith(EPHEMERAL_KEY_PROTOCOL))
      ?.slice(EPHEMERAL_KEY_PROTOCOL.length);
    const fromHeader = req.headers.authorization?.match(/^Bearer (\S+)$/)?.[1];
    const key = fromProtocol ?? fromHeader;
    if (!key) return reject(socket, 401, "Missing bearer or ephemeral key.");
    const secret = ctx.clientSecrets.get(key);
    if (!secret) return reject(socket, 401, "Unknown ephemeral key.");
    if (secret.expiresAt <= nowSeconds(ctx)) {
      ctx.clientSecrets.delete(key);
      return reject(socket, 401, "Expired ephemeral key.");
    }
    const model = url.searchParams.get("model");
    const session = model ? { ...secret.session, model } : secret.session;
    wss.handleUpgrade(req, socket, head, (ws) => {
      live.add(new RealtimeSession(ctx, ws, session, secret.expiresAt, forget));
    });
    return true;
  }

  async function close(): Promise<void> {
    ctx.closed = true;
    for (const session of [...live]) session.shutdown();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  return { app, handleUpgrade, close };
}
