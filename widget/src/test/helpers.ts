import type { ConnectResponse, CreateSessionResponse, WidgetConfig } from "@parley/types";
import type { CallDeps } from "../call/session";
import type { Mode, Role, TransportEvents, TransportFactory } from "../call/transport";

export const API = "https://api.parley.test";

export function widgetConfig(overrides: Partial<WidgetConfig> = {}): WidgetConfig {
  return {
    agent: { id: "agt_1", name: "Ada", avatarUrl: null },
    persona: { name: "Ada", greeting: "Hi, I'm Ada.", language: "en" },
    theme: {},
    brand: { name: null, logoUrl: null, hidePoweredBy: false },
    features: { textInput: true, transcript: true, mute: true },
    hours: null,
    open: true,
    nextOpenAt: null,
    consentText: null,
    maxDurationSeconds: 600,
    ...overrides,
  };
}

export const session: CreateSessionResponse = {
  token: "tok_1",
  expiresAt: "2030-01-01T00:00:00.000Z",
  session: { id: "ses_1" },
  provider: "elevenlabs",
  voice: { provider: "elevenlabs", voiceId: "v1", fallbackFrom: null },
  persona: { name: "Ada", firstMessage: "Hello" },
  limits: { maxDurationSeconds: 120 },
};

export const connection: ConnectResponse = {
  provider: "elevenlabs",
  signedUrl: "wss://provider.test/convai",
  overrides: {
    agent: { prompt: { prompt: "Be kind" }, firstMessage: "Hello", language: "en" },
    tts: { voiceId: "v1" },
  },
  dynamicVariables: {},
};

export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  keepalive: boolean;
}

type Route = (request: Recorded) => Response | Promise<Response>;

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json" },
  });

export const problem = (code: string, status: number, extras: Record<string, unknown> = {}) =>
  json(
    {
      type: `/problems/${code}`,
      title: code,
      status,
      detail: `detail of ${code}`,
      code,
      ...extras,
    },
    status,
  );

/** Replaces `window.fetch` with routes keyed by "METHOD /path"; records every request. */
export function stubFetch(routes: Record<string, Route>) {
  const requests: Recorded[] = [];
  const original = window.fetch;
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === "string" ? JSON.parse(init.body) : null;
    const keepalive = init.keepalive === true;
    const request = { method: init.method ?? "GET", url: url.href, headers, body, keepalive };
    requests.push(request);
    const route = routes[`${request.method} ${url.pathname}`];
    return route ? route(request) : problem("not_found", 404);
  };
  return { requests, restore: () => (window.fetch = original) };
}

export const happyRoutes = (config = widgetConfig()): Record<string, Route> => ({
  "GET /v1/widget/config": () => json(config),
  "POST /v1/widget/sessions": () => json(session, 201),
  "POST /v1/widget/sessions/ses_1/connect": () => json(connection),
  "POST /v1/widget/sessions/ses_1/heartbeat": () => json({ continue: true }),
  "POST /v1/widget/sessions/ses_1/end": () => json({ ok: true }),
});

/**
 * A provider the test drives by hand, plus a clock the test moves. `modesBeforeConnect` are
 * reported while the transport is still being opened, as a provider that starts speaking its
 * greeting before the call's own `connected` callback does.
 */
export function fakeCall({ modesBeforeConnect = [] }: { modesBeforeConnect?: Mode[] } = {}) {
  let events: TransportEvents | null = null;
  const sent: string[] = [];
  const muted: boolean[] = [];
  let closed = false;
  let now = 1_000_000;
  const timers: Array<{ at: number; every: number; run: () => void; live: boolean }> = [];
  const factory: TransportFactory = async (_connection, _options, e) => {
    events = e;
    for (const mode of modesBeforeConnect) e.onMode(mode);
    return {
      sendText: (text) => sent.push(text),
      setMuted: (m) => muted.push(m),
      outputLevel: () => 0.5,
      inputLevel: () => 0.1,
      close: async () => {
        closed = true;
      },
    };
  };
  const schedule = (ms: number, run: () => void, every: boolean) => {
    const timer = { at: now + ms, every: every ? ms : 0, run, live: true };
    timers.push(timer);
    return () => {
      timer.live = false;
    };
  };
  const deps: Partial<CallDeps> = {
    now: () => now,
    every: (ms, run) => schedule(ms, run, true),
    after: (ms, run) => schedule(ms, run, false),
    getUserMedia: async () => new MediaStream(),
    transport: async () => factory,
  };
  return {
    deps,
    sent,
    muted,
    get closed() {
      return closed;
    },
    agentSays: (text: string) => events?.onMessage("agent" satisfies Role, text),
    mode: (mode: Mode) => events?.onMode(mode),
    hangUp: () => events?.onDisconnect("agent_ended"),
    /** Moves the fake clock, running due timers in order. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = due.at;
        if (due.every) due.at += due.every;
        else due.live = false;
        due.run();
      }
      now = end;
    },
  };
}

/** Collects `voice-agent:*` events seen on the document. */
export function spyEvents() {
  const seen: CustomEvent[] = [];
  const names = ["ready", "start", "connect", "message", "mode", "end", "error"];
  const listener = (event: Event) => {
    if (event instanceof CustomEvent) seen.push(event);
  };
  for (const name of names) document.addEventListener(`voice-agent:${name}`, listener);
  return {
    seen,
    of: (name: string) => seen.filter((e) => e.type === `voice-agent:${name}`),
    stop: () => {
      for (const name of names) document.removeEventListener(`voice-agent:${name}`, listener);
    },
  };
}

/** What the test runner's web socket module offers the page (it is served, not installed). */
interface RunnerSocket {
  sendMessageWaitForResponse(message: object): Promise<{ executed?: boolean }>;
}

/**
 * Resizes the page's viewport, e.g. to a phone's, with the test runner's built-in
 * `set-viewport` command (what `@web/test-runner-commands`' `setViewport` sends).
 */
export async function setViewport(width: number, height: number): Promise<void> {
  const sessionId = new URL(location.href).searchParams.get("wtr-session-id");
  const socketModule = "/__web-dev-server__web-socket.js";
  const socket: RunnerSocket = await import(socketModule);
  const response = await socket.sendMessageWaitForResponse({
    type: "wtr-command",
    sessionId,
    command: "set-viewport",
    payload: { width, height },
  });
  if (!response.executed) throw new Error("the test runner did not resize the viewport");
}
