import type { ReactiveController, ReactiveControllerHost } from "@lit/reactive-element";
import { html } from "lit/html.js";
import { WidgetError } from "../../../api";
import type * as CallModule from "../../../call/index";
import { emit } from "../../../events";
import type { Phase } from "../state";

type Call = typeof CallModule;

/** What the call needs from the element besides being its reactive host. */
export interface CallPort {
  phase(): Phase;
  setPhase(phase: Phase): void;
  /** Turns any failure into the error state and `voice-agent:error`. */
  fail(error: unknown): void;
}

/** Everything one call is started with, read from the element at the moment of the click. */
export interface CallStart {
  /** The API base; the session client comes with the call module. */
  apiBase: string;
  key: string;
  agent: string;
  metadata: Record<string, unknown> | undefined;
  textInputAllowed: boolean;
  clientTools: CallModule.ClientTools;
  deps: Partial<CallModule.CallDeps>;
}

/** What the call UI needs from the element besides the call's own state. */
export type CallViewOptions = Pick<
  CallModule.CallViewModel,
  "t" | "agentName" | "showTranscript" | "showTextInput" | "showMute" | "onSend" | "onEnd"
>;

/**
 * The call half of `<voice-agent>`: loads the lazy call module on first use, wires its
 * `CallSession` (session → microphone → connect → transport → heartbeats → end) to the
 * element's state and events, and hangs up when the page goes away — on `pagehide` (tab
 * closed, navigation, bfcache) or when the element leaves the DOM — with `page_hidden`.
 * It loads with the panel; the call module (call UI, provider clients) is a later chunk.
 */
export class CallController implements ReactiveController {
  lines: CallModule.TranscriptLine[] = [];
  muted = false;
  textOnly = false;
  mode: CallModule.Mode = "listening";
  level = 0;
  elapsed = 0;
  warning: number | null = null;

  private session: CallModule.CallSession | null = null;
  private module: Call | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly port: CallPort,
  ) {
    host.addController(this);
  }

  hostConnected() {
    window.addEventListener("pagehide", this.onPageHide);
  }

  hostDisconnected() {
    window.removeEventListener("pagehide", this.onPageHide);
    void this.session?.end("page_hidden");
  }

  /** `end()` starts the `/end` request synchronously, so it leaves before the page does. */
  private onPageHide = () => void this.session?.end("page_hidden");

  private get connected(): boolean {
    const phase = this.port.phase();
    return this.session !== null && (phase === "listening" || phase === "speaking");
  }

  private set(patch: Partial<Pick<CallController, "muted" | "textOnly" | "mode" | "warning">>) {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  async start(options: CallStart): Promise<void> {
    const { port, host } = this;
    port.setPhase("connecting");
    Object.assign(this, {
      lines: [],
      warning: null,
      muted: false,
      textOnly: false,
      elapsed: 0,
      mode: "listening",
    });
    emit(host, "start", { agent: options.agent });
    let module: Call;
    try {
      module = this.module ?? (await import("../../../call/index"));
    } catch {
      throw new WidgetError("network", "The call module could not be loaded.");
    }
    this.module = module;
    const deps = { ...module.browserDeps, ...options.deps };
    let stopTicker = () => {};
    // Late news from a call that is no longer the current one is ignored.
    const current = (run: () => void) => {
      if (this.session === session) run();
    };
    const { apiBase, ...rest } = options;
    const api = new module.WidgetApi(apiBase);
    const session: CallModule.CallSession = new module.CallSession(
      { ...rest, api, workletBase: module.workletBase },
      {
        askingMicrophone: () => current(() => port.setPhase("asking_mic")),
        connecting: (textOnly) =>
          current(() => {
            this.set({ textOnly });
            port.setPhase("connecting");
          }),
        connected: (info) =>
          current(() => {
            // The provider may have started the greeting before this callback: show what it
            // said last, and tell the page after `connect`, never before.
            const { mode } = this;
            port.setPhase(mode);
            stopTicker = deps.every(200, () => this.tick(session));
            emit(host, "connect", info);
            if (mode !== "listening") emit(host, "mode", { mode });
          }),
        message: (role, text) => current(() => this.addLine(role, text)),
        mode: (mode) =>
          current(() => {
            // Before `connected` the mode is only remembered; `connected` shows and reports it.
            if (!this.connected) {
              this.mode = mode;
              return;
            }
            if (this.mode === mode && port.phase() === mode) return;
            this.set({ mode });
            port.setPhase(mode);
            emit(host, "mode", { mode });
          }),
        warning: (seconds) => current(() => this.set({ warning: seconds })),
        ended: (durationSeconds, reason) =>
          current(() => {
            stopTicker();
            this.session = null;
            this.elapsed = durationSeconds;
            port.setPhase("ended");
            emit(host, "end", { durationSeconds, reason });
          }),
        failed: (error) =>
          current(() => {
            stopTicker();
            this.session = null;
            port.fail(error);
          }),
      },
      deps,
    );
    this.session = session;
    await session.start();
  }

  end(reason: CallModule.EndReason): Promise<void> {
    return this.session?.end(reason) ?? Promise.resolve();
  }

  setMuted(muted: boolean): void {
    this.set({ muted });
    this.session?.setMuted(muted);
  }

  /** Sends typed text during a connected call; false when there is no call to send it to. */
  sendText(text: string): boolean {
    if (!this.connected) return false;
    this.session?.sendText(text);
    this.addLine("user", text);
    return true;
  }

  private tick(session: CallModule.CallSession) {
    this.elapsed = session.elapsedSeconds;
    this.level = this.mode === "speaking" ? session.outputLevel() : session.inputLevel();
    this.host.requestUpdate();
  }

  private addLine(role: CallModule.Role, text: string) {
    this.lines = [...this.lines, { role, text }];
    this.host.requestUpdate();
    emit(this.host, "message", { role, text });
  }

  render(view: CallViewOptions) {
    const phase = this.port.phase();
    if (phase === "asking_mic" || !this.module) {
      return html`<p class="status" part="status" role="status">
          ${view.t(phase === "asking_mic" ? "askingMic" : "connecting")}
        </p>
        <div class="actions">
          <button class="danger" part="call-button" @click=${view.onEnd}>
            ${view.t("endCall")}
          </button>
        </div>`;
    }
    return this.module.renderCall({
      ...view,
      connected: phase === "listening" || phase === "speaking",
      mode: this.mode,
      level: this.level,
      textOnly: this.textOnly,
      muted: this.muted,
      elapsedSeconds: this.elapsed,
      warningSeconds: this.warning,
      transcript: this.lines,
      onMute: () => this.setMuted(!this.muted),
    });
  }
}
