import { Conversation } from "@elevenlabs/client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { WebSocket } from "ws";
import { z } from "zod";
import { type Harness, startHarness } from "./testing";

type Listener = { fn: (event: object) => void; once: boolean };

/**
 * The browser WebSocket API over `ws`. Node 20 has no global WebSocket without a flag, and `ws`
 * emits a burst of frames synchronously, whereas a browser delivers each event as its own task
 * (the client registers its message listener in a microtask after the handshake message).
 */
class BrowserLikeWebSocket {
  private readonly ws: WebSocket;
  private readonly listeners = new Map<string, Listener[]>();

  constructor(url: string, protocols?: string | string[]) {
    this.ws = new WebSocket(url, protocols);
    const later = (type: string, event: object) =>
      setImmediate(() => this.dispatch(type, { type, ...event }));
    this.ws.on("open", () => later("open", {}));
    this.ws.on("message", (data) => later("message", { data: data.toString() }));
    this.ws.on("close", (code, reason) => later("close", { code, reason: reason.toString() }));
    this.ws.on("error", () => later("error", {}));
  }

  addEventListener(type: string, fn: (event: object) => void, options?: { once?: boolean }) {
    const list = this.listeners.get(type) ?? [];
    list.push({ fn, once: options?.once ?? false });
    this.listeners.set(type, list);
  }

  removeEventListener(type: string, fn: (event: object) => void) {
    this.listeners.set(
      type,
      (this.listeners.get(type) ?? []).filter((l) => l.fn !== fn),
    );
  }

  send(data: string) {
    this.ws.send(data);
  }

  close(code?: number, reason?: string) {
    this.ws.close(code, reason);
  }

  private dispatch(type: string, event: object) {
    const list = this.listeners.get(type) ?? [];
    this.listeners.set(
      type,
      list.filter((l) => !l.once),
    );
    for (const listener of list) listener.fn(event);
  }
}
Object.assign(globalThis, { WebSocket: BrowserLikeWebSocket });

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

it("holds a text conversation with the real @elevenlabs/client, tools and webhook included", async () => {
  const res = await fetch(
    `${h.base}/simulator/elevenlabs/v1/convai/conversation/get-signed-url?agent_id=agent_real`,
    { headers: { "xi-api-key": "sim" } },
  );
  const { signed_url } = z.object({ signed_url: z.string() }).parse(await res.json());
  const messages: string[] = [];
  let waiting: { count: number; resolve: () => void } | null = null;
  const until = (count: number) =>
    new Promise<void>((resolve) => {
      waiting = { count, resolve };
      if (messages.length >= count) resolve();
    });
  const ended = new Promise<string>((resolve) => {
    void Conversation.startSession({
      signedUrl: signed_url,
      textOnly: true,
      overrides: {
        agent: { prompt: { prompt: "You are Ava." }, firstMessage: "Hi {{name}}!", language: "en" },
        tts: { voiceId: "21m00Tcm4TlvDq8ikWAM" },
      },
      dynamicVariables: { name: "Kim", parley_session_id: "ses_real" },
      clientTools: { lookup_order: async ({ id }) => `order ${String(id)} ships today` },
      onMessage: ({ message }) => {
        messages.push(message);
        if (waiting && messages.length >= waiting.count) waiting.resolve();
      },
      onDisconnect: (details) => resolve(details.reason),
    }).then((conversation) => {
      void until(1).then(async () => {
        conversation.sendUserMessage("hello");
        await until(2);
        conversation.sendUserMessage('test: client tool lookup_order {"id":"A17"}');
        await until(3);
        conversation.sendUserMessage("bye");
      });
    });
  });
  const webhook = h.nextWebhook();
  expect(await ended).toBe("agent");
  expect(messages).toEqual([
    "Hi Kim!",
    "Hello! This is Ava. How can I help you today?",
    "The tool lookup_order returned: order A17 ships today",
    "Thank you for calling. Goodbye!",
  ]);
  const body = JSON.parse((await webhook).raw);
  expect(body.data.conversation_initiation_client_data.dynamic_variables.parley_session_id).toBe(
    "ses_real",
  );
  expect(body.data.transcript).toHaveLength(7);
});
