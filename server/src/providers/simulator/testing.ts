import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import { WebSocket } from "ws";
import type { SimulatorTiming } from "./context";
import { createSimulator, type Simulator } from "./index";

/** Test support: a real HTTP server running the simulator, a controllable clock, a webhook sink. */

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: string;
}

export interface Harness {
  base: string;
  sim: Simulator;
  clock: { now: () => Date; advance: (ms: number) => void };
  webhooks: ReceivedWebhook[];
  /** Status codes the webhook sink answers with, in order; then 200. */
  webhookStatuses: number[];
  nextWebhook: () => Promise<ReceivedWebhook>;
  close: () => Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo; // node:http types the address loosely
      resolve(`http://127.0.0.1:${port}`);
    });
  });
}

export async function startHarness(timing: Partial<SimulatorTiming> = {}): Promise<Harness> {
  let t = Date.parse("2026-03-02T10:00:00Z");
  const clock = {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
  };
  const webhooks: ReceivedWebhook[] = [];
  const webhookStatuses: number[] = [];
  const waiters: Array<(w: ReceivedWebhook) => void> = [];
  const sink = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      const received = { headers: req.headers, raw };
      webhooks.push(received);
      res.statusCode = webhookStatuses.shift() ?? 200;
      res.end();
      waiters.shift()?.(received);
    });
  });
  const sinkUrl = await listen(sink);

  const root = new Hono();
  const server = createAdaptorServer({ fetch: root.fetch }) as Server; // always an http.Server here
  const base = await listen(server);
  const sim = createSimulator({
    publicUrl: base,
    signingSecret: "sim-signing-secret",
    webhookUrl: `${sinkUrl}/v1/webhooks/elevenlabs`,
    webhookSecret: "whsec_test",
    now: clock.now,
    timing: { webhookRetryDelayMs: 10, ...timing },
  });
  root.route("/simulator", sim.app);
  server.on("upgrade", (req, socket, head) => {
    if (!sim.handleUpgrade(req, socket, head)) socket.destroy();
  });
  return {
    base,
    sim,
    clock,
    webhooks,
    webhookStatuses,
    nextWebhook: () => new Promise((resolve) => waiters.push(resolve)),
    close: async () => {
      await sim.close();
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve) => sink.close(resolve));
    },
  };
}

export type Json = Record<string, unknown> & { type?: string };

/** A WebSocket client that queues every JSON message and lets a test wait for one. */
export class TestSocket {
  readonly received: Json[] = [];
  private cursor = 0;
  private wake: (() => void) | null = null;
  closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const parsed: unknown = JSON.parse(data.toString());
      if (parsed && typeof parsed === "object") this.received.push({ ...parsed });
      this.wake?.();
    });
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wake?.();
      });
    });
  }

  static open(url: string, protocols: string[]): Promise<TestSocket> {
    const ws = new WebSocket(url, protocols);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(new TestSocket(ws)));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once("error", reject);
    });
  }

  send(message: object): void {
    this.ws.send(JSON.stringify(message));
  }

  /** The next message (after those already taken) of `type`, skipping others. */
  async next(type: string, timeoutMs = 5_000): Promise<Json> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.received.length) {
        const message = this.received[this.cursor++];
        if (message?.type === type) return message;
      }
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`closed before ${type}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Every message received so far of `type`. */
  all(type: string): Json[] {
    return this.received.filter((m) => m.type === type);
  }
}

/** The HTTP status a refused upgrade answered with. */
export function upgradeStatus(url: string, protocols: string[]): Promise<number> {
  const ws = new WebSocket(url, protocols);
  return new Promise((resolve, reject) => {
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("open", () => {
      ws.close();
      reject(new Error("upgrade was accepted"));
    });
    ws.once("error", () => undefined);
  });
}
