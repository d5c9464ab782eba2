import type { WidgetConfig } from "@parley/types";
import { LitElement, type PropertyValues } from "lit";
import { WidgetApi, WidgetError } from "../../api";
import type { CallDeps, ClientTools } from "../../call/index";
import { emit } from "../../events";
import { resolveLang, type Strings, type Translate, translator } from "../../i18n";
import { CallController } from "./call-controller";
import { ConfigController } from "./config-controller";
import { hasConsent, rememberConsent } from "./consent";
import { focusable, renderPanelBody, renderShell, trapFocus } from "./panel";
import {
  describeError,
  effectiveFeatures,
  inCall,
  type Phase,
  type ShownError,
  type Toggle,
  toggleConverter as toggle,
} from "./state";
import { styles } from "./voice-agent.styles";

/**
 * `<voice-agent>`: a talking AI agent on any page (design §7).
 *
 * @summary Launcher + panel for a voice conversation with a Parley agent.
 *
 * @attr agent - The agent id (`agt_…`).
 * @attr key - The publishable key (`pk_live_…` / `pk_test_…`).
 * @attr api - The Parley API base URL; defaults to the origin the script came from.
 * @attr variant - `floating` (default), `inline` or `fullscreen`.
 * @attr position - `bottom-right` (default), `bottom-left`, `top-right`, `top-left`.
 * @attr theme - `light` (default), `dark` or `auto` (follows the visitor's system).
 * @attr lang - `en`, `es`, … or `auto` (the page's language, then the browser's).
 * @attr transcript - `false` hides the live transcript.
 * @attr text-input - `false` hides the text input.
 * @attr mute - `false` hides the mute button.
 * @attr open - Present while the panel is open (reflects state).
 * @attr nonce - A CSP nonce; styles are adopted stylesheets, so it is kept only for parity.
 *
 * @fires {CustomEvent<{agent: string}>} voice-agent:ready - The config loaded; the launcher is shown.
 * @fires {CustomEvent<{agent: string}>} voice-agent:start - The visitor started a call.
 * @fires {CustomEvent<{sessionId: string, provider: "elevenlabs" | "openai", fallbackFrom: string | null}>} voice-agent:connect - The provider connected.
 * @fires {CustomEvent<{role: "agent" | "user", text: string}>} voice-agent:message - A transcript line.
 * @fires {CustomEvent<{mode: "listening" | "speaking"}>} voice-agent:mode - Who is talking changed.
 * @fires {CustomEvent<{durationSeconds: number, reason: string}>} voice-agent:end - The call ended.
 * @fires {CustomEvent<{code: string, message: string}>} voice-agent:error - Something failed; `code` is the API's problem code.
 *
 * @csspart launcher - The round button that opens the panel.
 * @csspart panel - The dialog.
 * @csspart header - The panel's title bar.
 * @csspart transcript - The live transcript log.
 * @csspart message - One transcript line.
 * @csspart input - The text input.
 * @csspart call-button - Start / end call.
 * @csspart mute-button - Mute toggle (`aria-pressed`).
 * @csspart status - The status line.
 * @csspart powered-by - The "Powered by Parley" line.
 *
 * @cssproperty --voice-agent-primary - Launcher, call button and visitor bubbles.
 * @cssproperty --voice-agent-on-primary - Text on the primary colour.
 * @cssproperty --voice-agent-surface - Panel background.
 * @cssproperty --voice-agent-text - Panel text.
 * @cssproperty --voice-agent-radius - Corner radius of the panel.
 * @cssproperty --voice-agent-font - Font family.
 * @cssproperty --voice-agent-z-index - Stacking of the floating launcher and panel.
 */
export class VoiceAgent extends LitElement {
  /** Where API calls go when no `api` attribute is set (the loader sets the script's origin). */
  static defaultApi = "";

  static override styles = styles;

  static override properties = {
    agent: { type: String },
    key: { type: String },
    api: { type: String },
    variant: { type: String, reflect: true },
    position: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    language: { type: String, attribute: "lang" },
    transcript: { attribute: "transcript", converter: toggle },
    textInput: { attribute: "text-input", converter: toggle },
    mute: { attribute: "mute", converter: toggle },
    isOpen: { type: Boolean, reflect: true, attribute: "open" },
    nonce: { type: String },
    metadata: { attribute: false },
    strings: { attribute: false },
    clientTools: { attribute: false },
    callDeps: { attribute: false },
    phase: { state: true },
    error: { state: true },
    nextOpenAt: { state: true },
  };

  /** The agent id (`agt_…`). */
  declare agent: string;
  /** The publishable key. */
  declare key: string;
  /** API base URL; empty means the script's origin. */
  declare api: string;
  /** `floating` | `inline` | `fullscreen`. */
  declare variant: "floating" | "inline" | "fullscreen";
  /** Corner of the floating launcher. */
  declare position: "bottom-right" | "bottom-left" | "top-right" | "top-left";
  /** `light` | `dark` | `auto`. */
  declare theme: "light" | "dark" | "auto";
  /** The `lang` attribute: a language code or `auto`. */
  declare language: string;
  /** Show the live transcript (null: as the server's config says). */
  declare transcript: Toggle;
  /** Allow typing (null: as the server's config says). */
  declare textInput: Toggle;
  /** Show the mute button (null: as the server's config says). */
  declare mute: Toggle;
  /** Whether the panel is open (the `open` attribute; `open()`/`close()` change it). */
  declare isOpen: boolean;
  /** CSP nonce (styles are adopted stylesheets; no `<style>` is ever created). */
  declare nonce: string;
  /** Values for the persona's dynamic variables, e.g. `{ firstName: "Ana" }`. */
  declare metadata: Record<string, unknown> | undefined;
  /** Overrides for any visible sentence, by i18n key. */
  declare strings: Partial<Strings>;
  /** Functions the agent may call in the page. */
  declare clientTools: ClientTools;
  /** @internal Clock, microphone and transports, replaceable in tests. */
  declare callDeps: Partial<CallDeps>;

  declare protected phase: Phase;
  declare protected error: ShownError | null;
  declare protected nextOpenAt: string | null;

  private readonly call = new CallController(this, {
    phase: () => this.phase,
    setPhase: (phase) => (this.phase = phase),
    fail: (error) => this.fail(error),
  });
  private readonly configs = new ConfigController(this, {
    loaded: (config) => {
      this.nextOpenAt = config.nextOpenAt;
      this.phase = config.open ? "idle" : "offline";
      emit(this, "ready", { agent: this.agent });
    },
    fail: (error) => this.fail(error),
  });

  private get config(): WidgetConfig | null {
    return this.configs.config;
  }

  constructor() {
    super();
    this.agent = "";
    this.key = "";
    this.api = "";
    this.variant = "floating";
    this.position = "bottom-right";
    this.theme = "light";
    this.language = "auto";
    this.transcript = null;
    this.textInput = null;
    this.mute = null;
    this.isOpen = false;
    this.nonce = "";
    this.metadata = undefined;
    this.strings = {};
    this.clientTools = {};
    this.callDeps = {};
    this.phase = "loading";
    this.error = null;
    this.nextOpenAt = null;
  }

  private get apiBase(): string {
    return this.api || VoiceAgent.defaultApi || location.origin;
  }

  private get features() {
    return effectiveFeatures(this.config, this);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has("agent") || changed.has("key") || changed.has("api")) {
      this.loadConfig();
    }
  }

  /** Opens the panel. */
  async open(): Promise<void> {
    try {
      this.isOpen = true;
      await this.updateComplete;
      const panel = this.renderRoot.querySelector<HTMLElement>(".panel");
      if (panel) (focusable(panel)[0] ?? panel).focus();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Closes the panel (a call keeps going) and gives focus back to the launcher. */
  async close(): Promise<void> {
    try {
      if (this.variant === "inline") return;
      this.isOpen = false;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(".launcher")?.focus();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Starts a call: consent (once per agent), session, microphone, provider. */
  async start(): Promise<void> {
    try {
      await this.configs.loading;
      if (!this.config || inCall(this.phase)) return;
      if (this.variant !== "inline" && !this.isOpen) await this.open();
      if (this.phase === "offline") return;
      if (this.config.consentText && !hasConsent(this.agent)) {
        this.phase = "consent";
        return;
      }
      await this.beginCall();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Hangs up. */
  async end(): Promise<void> {
    try {
      await this.call.end("user_ended");
    } catch (error) {
      this.fail(error);
    }
  }

  /** Mutes or unmutes the microphone. */
  setMuted(muted: boolean): void {
    this.call.setMuted(Boolean(muted));
  }

  /** Sends a typed message to the agent (only during a connected call). */
  sendText(text: string): void {
    try {
      const message = String(text ?? "").trim();
      if (message) this.call.sendText(message);
    } catch (error) {
      this.fail(error);
    }
  }

  private loadConfig() {
    if (!this.agent || !this.key) return;
    this.phase = "loading";
    this.configs.load(this.apiBase, this.agent, this.key);
  }

  private acceptConsent = () => {
    rememberConsent(this.agent);
    void this.beginCall().catch((error: unknown) => this.fail(error));
  };

  private async beginCall() {
    this.error = null;
    await this.call.start({
      api: new WidgetApi(this.apiBase),
      key: this.key,
      agent: this.agent,
      metadata: this.metadata,
      textInputAllowed: this.features.textInput,
      clientTools: this.clientTools,
      deps: this.callDeps,
    });
  }

  private fail(cause: unknown) {
    const error =
      cause instanceof WidgetError
        ? cause
        : new WidgetError("unknown", cause instanceof Error ? cause.message : String(cause));
    // The exact code goes to the page (event) and its developer (console), never to the visitor.
    console.warn(`[voice-agent] ${error.code}: ${error.message}`);
    emit(this, "error", { code: error.code, message: error.message });
    if (error.code === "agent_offline") {
      this.nextOpenAt = error.nextOpenAt;
      this.phase = "offline";
      return;
    }
    this.error = describeError(error);
    this.phase = "error";
  }

  private retry = () => {
    if (this.config) void this.start();
    else this.loadConfig();
  };

  private onKeydown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && this.variant !== "inline") {
      event.stopPropagation();
      void this.close();
      return;
    }
    const panel = event.currentTarget;
    if (event.key === "Tab" && this.variant !== "inline" && panel instanceof HTMLElement) {
      trapFocus(event, panel, this.shadowRoot?.activeElement ?? null);
    }
  };

  private toggle = () => void (this.isOpen ? this.close() : this.open());

  override render() {
    const lang = resolveLang(this.language);
    const t = translator(lang, this.strings);
    const config = this.config;
    const name = config?.agent.name ?? "";
    const inline = this.variant === "inline";
    return renderShell({
      t,
      lang,
      name,
      avatar: config?.agent.avatarUrl,
      inline,
      isOpen: this.isOpen,
      showLauncher:
        !inline && this.phase !== "loading" && (config !== null || this.error?.retry === true),
      hidePoweredBy: config?.brand.hidePoweredBy === true,
      body: inCall(this.phase) ? this.renderCall(t, name) : this.renderBody(t, lang),
      onKeydown: this.onKeydown,
      onClose: () => void this.close(),
      onToggle: this.toggle,
    });
  }

  private renderBody(t: Translate, lang: string) {
    return renderPanelBody({
      t,
      lang,
      phase: this.phase,
      config: this.config,
      error: this.error,
      nextOpenAt: this.nextOpenAt,
      onStart: () => void this.start(),
      onAcceptConsent: this.acceptConsent,
      onRetry: this.retry,
    });
  }

  private renderCall(t: Translate, agentName: string) {
    const features = this.features;
    return this.call.render({
      t,
      agentName,
      showTranscript: features.transcript,
      showTextInput: features.textInput,
      showMute: features.mute,
      onSend: (text) => this.sendText(text),
      onEnd: () => void this.end(),
    });
  }
}
