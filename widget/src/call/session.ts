import type { CreateSessionResponse, EndSessionRequest } from "@parley/types";
import { WidgetError } from "../api";
import type { WidgetApi } from "./api";
import type { ClientTools, Mode, Role, Transport, TransportFactory } from "./transport";

export type EndReason = EndSessionRequest["reason"];
export type Provider = CreateSessionResponse["provider"];

const HEARTBEAT_MS = 15_000;
const WARNING_SECONDS = 30;

/** What the call tells the element; the element turns it into state and events. */
export interface CallHost {
  askingMicrophone(): void;
  connecting(textOnly: boolean): void;
  connected(info: { sessionId: string; provider: Provider; fallbackFrom: string | null }): void;
  message(role: Role, text: string): void;
  mode(mode: Mode): void;
  warning(secondsLeft: number): void;
  ended(durationSeconds: number, reason: EndReason): void;
  failed(error: WidgetError): void;
}

/** Clock and side doors, injected so tests never wait for real time or real devices. */
export interface CallDeps {
  now(): number;
  every(ms: number, run: () => void): () => void;
  after(ms: number, run: () => void): () => void;
  getUserMedia(): Promise<MediaStream>;
  transport(provider: Provider): Promise<TransportFactory>;
}

export const browserDeps: CallDeps = {
  now: () => Date.now(),
  every: (ms, run) => {
    const id = setInterval(run, ms);
    return () => clearInterval(id);
  },
  after: (ms, run) => {
    const id = setTimeout(run, ms);
    return () => clearTimeout(id);
  },
  getUserMedia: () => navigator.mediaDevices.getUserMedia({ audio: true }),
  // Each provider is its own chunk: a call pays only for the client it uses.
  transport: async (provider) =>
    provider === "elevenlabs"
      ? (await import("./elevenlabs")).elevenLabsTransport()
      : (await import("./openai")).openAITransport(),
};

export interface CallOptions {
  api: WidgetApi;
  key: string;
  agent: string;
  metadata: Record<string, unknown> | undefined;
  textInputAllowed: boolean;
  clientTools: ClientTools;
  workletBase: string;
}

function microphoneError(error: unknown): WidgetError {
  const name = error instanceof DOMException ? error.name : "";
  return name === "NotFoundError" || name === "OverconstrainedError"
    ? new WidgetError("microphone_unavailable", "No microphone was found.")
    : new WidgetError("microphone_denied", "The microphone permission was denied.");
}

/** One conversation from `POST /sessions` to `POST /end` (design §2). */
export class CallSession {
  private session: CreateSessionResponse | null = null;
  private transport: Transport | null = null;
  private startedAt = 0;
  private stops: Array<() => void> = [];
  private finished = false;
  textOnly = false;

  constructor(
    private readonly options: CallOptions,
    private readonly host: CallHost,
    private readonly deps: CallDeps = browserDeps,
  ) {}

  get elapsedSeconds(): number {
    return this.startedAt ? Math.max(0, Math.round((this.deps.now() - this.startedAt) / 1000)) : 0;
  }

  get maxDurationSeconds(): number {
    return this.session?.limits.maxDurationSeconds ?? 0;
  }

  async start(): Promise<void> {
    const { api, key, agent, metadata } = this.options;
    try {
      this.session = await api.createSession(key, agent, metadata);
      const stream = await this.askMicrophone();
      if (this.finished) return;
      this.host.connecting(this.textOnly);
      const { id } = this.session.session;
      const connection = await api.connect(id, this.session.token);
      const factory = await this.deps.transport(connection.provider);
      if (this.finished) return;
      this.transport = await factory(
        connection,
        {
          textOnly: this.textOnly,
          clientTools: this.options.clientTools,
          stream,
          workletBase: this.options.workletBase,
          firstMessage: this.session.persona.firstMessage,
        },
        {
          onConnect: () => undefined,
          onMessage: (role, text) => this.host.message(role, text),
          onMode: (mode) => this.host.mode(mode),
          onDisconnect: (reason) => void this.end(reason === "agent_ended" ? reason : "network"),
        },
      );
      if (this.finished) {
        await this.transport.close();
        return;
      }
      this.startedAt = this.deps.now();
      this.host.connected({
        sessionId: id,
        provider: connection.provider,
        fallbackFrom: this.session.voice.fallbackFrom,
      });
      this.schedule();
    } catch (error) {
      const failure =
        error instanceof WidgetError
          ? error
          : new WidgetError("call_failed", error instanceof Error ? error.message : String(error));
      // An issued session is ended at once so its reserved minutes go back to the partner.
      await this.teardown("error");
      this.host.failed(failure);
    }
  }

  private async askMicrophone(): Promise<MediaStream | null> {
    this.host.askingMicrophone();
    try {
      return await this.deps.getUserMedia();
    } catch (error) {
      const failure = microphoneError(error);
      if (!this.options.textInputAllowed) throw failure;
      // A visitor without a microphone can still type to the agent.
      this.textOnly = true;
      return null;
    }
  }

  private schedule() {
    const session = this.session;
    if (!session) return;
    this.stops.push(
      this.deps.every(HEARTBEAT_MS, () => {
        this.options.api.heartbeat(session.session.id, session.token).then(
          (beat) => {
            if (!beat.continue) {
              void this.end(beat.reason === "max_duration" ? "max_duration" : "agent_ended");
            }
          },
          // A missed heartbeat is not the end of a call; the server's sweeper decides that.
          () => undefined,
        );
      }),
    );
    const max = session.limits.maxDurationSeconds;
    if (max > 0) {
      const warnAt = Math.max(0, max - WARNING_SECONDS);
      this.stops.push(
        this.deps.after(warnAt * 1000, () => this.host.warning(Math.min(WARNING_SECONDS, max))),
      );
      this.stops.push(this.deps.after(max * 1000, () => void this.end("max_duration")));
    }
  }

  sendText(text: string) {
    this.transport?.sendText(text);
  }

  setMuted(muted: boolean) {
    this.transport?.setMuted(muted);
  }

  outputLevel(): number {
    return this.transport?.outputLevel() ?? 0;
  }

  inputLevel(): number {
    return this.transport?.inputLevel() ?? 0;
  }

  /**
   * Stops timers and the provider; tells the server when the session was issued. The `/end`
   * request starts before the first `await`, so a `pagehide` handler that calls `end()`
   * sends it while the page still exists.
   */
  private async teardown(reason: EndReason | null): Promise<number> {
    this.finished = true;
    for (const stop of this.stops.splice(0)) stop();
    const durationSeconds = this.elapsedSeconds;
    const session = this.session;
    const told =
      session && reason
        ? this.options.api
            .end(session.session.id, session.token, { durationSeconds, reason })
            .catch(() => undefined)
        : undefined;
    const transport = this.transport;
    this.transport = null;
    await transport?.close().catch(() => undefined);
    await told;
    return durationSeconds;
  }

  /** Ends the call once, whoever asks first (visitor, agent, limit, network). */
  async end(reason: EndReason): Promise<void> {
    if (this.finished) return;
    const durationSeconds = await this.teardown(reason);
    this.host.ended(durationSeconds, reason);
  }
}

/** Worklet files sit in `worklets/` beside this chunk (dist) or this module (source). */
const workletDir = "worklets/";
export const workletBase = new URL(workletDir, import.meta.url).href;
