import { type PropertyValues, ReactiveElement } from "@lit/reactive-element";
import type { WidgetConfig } from "@parley/types";
import { WidgetError } from "../../api";
import type { CallDeps, ClientTools } from "../../call/index";
import { emit } from "../../events";
import { resolveLang, type Strings, translator } from "../../i18n";
import { ConfigController } from "./config-controller";
import { Launcher, unavailableReason } from "./launcher";
import type { PanelController } from "./panel/panel-controller";
import { canRetry, inCall, type Phase, type Toggle, toggleConverter as toggle } from "./state";
import { styles } from "./voice-agent.styles";

/**
 * `<voice-agent>`: a talking AI agent on any page (design §7).
 *
 * @summary Launcher + panel for a voice conversation with a Parley agent.
 *
 * This class (a Lit `ReactiveElement`) and the launcher, drawn with plain DOM, are all a page
 * loads up front; the panel (dialog, consent, states, full strings, call controller, and
 * lit-html to draw them) is a chunk loaded on the first interaction.
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
 * @csspart launcher - The round button that opens the panel; when the config cannot load (e.g.
 *   `origin_not_allowed`), a pill saying the assistant is unavailable, its reason as a tooltip.
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
 * @cssproperty --voice-agent-z-index - Stacking of the floating launcher and panel; an open
 *   widget uses one more, so its panel covers the other widgets' launchers.
 */
export class VoiceAgent extends ReactiveElement {
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
  declare protected error: WidgetError | null;
  declare protected nextOpenAt: string | null;

  /** The interactive half, once its chunk has loaded (see `panel/index.ts`). */
  private panel: PanelController | null = null;
  private panelLoad: Promise<PanelController> | null = null;

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

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has("agent") || changed.has("key") || changed.has("api")) this.reload();
    // The panel shows without a click in the inline variant, or when the page sets `open`;
    // only on those changes, so a failed load is not retried by the re-render it causes.
    const shown = changed.has("isOpen") || changed.has("variant");
    if (shown && (this.isOpen || this.variant === "inline")) {
      this.loadPanel().catch((error: unknown) => this.fail(error));
    }
    void this.panel?.loadStrings(resolveLang(this.language));
  }

  /**
   * Loads the panel chunk once (a failed load is tried again next time) with the catalog of
   * the current language, so the dialog never shows half translated.
   */
  private loadPanel(): Promise<PanelController> {
    this.panelLoad ??= import("./panel/index").then(
      async ({ PanelController }) => {
        this.panel ??= new PanelController(this, {
          phase: () => this.phase,
          setPhase: (phase) => (this.phase = phase),
          error: () => this.error,
          clearError: () => (this.error = null),
          nextOpenAt: () => this.nextOpenAt,
          config: () => this.config,
          apiBase: () => this.apiBase,
          fail: (error) => this.fail(error),
          reload: () => this.reload(),
        });
        const panel = this.panel;
        await panel.loadStrings(resolveLang(this.language));
        this.requestUpdate();
        return panel;
      },
      () => {
        this.panelLoad = null;
        throw new WidgetError("network", "The panel could not be loaded.");
      },
    );
    return this.panelLoad;
  }

  /** Opens the panel (loading it on first use) and moves focus into it. */
  async open(): Promise<void> {
    try {
      const panel = await this.loadPanel();
      this.isOpen = true;
      await this.updateComplete;
      panel.focus();
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
      const config = this.config;
      if (!config || inCall(this.phase)) return;
      await (await this.loadPanel()).start(config);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Hangs up. */
  async end(): Promise<void> {
    try {
      await this.panel?.end();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Mutes or unmutes the microphone. */
  setMuted(muted: boolean): void {
    this.panel?.setMuted(Boolean(muted));
  }

  /** Sends a typed message to the agent (only during a connected call). */
  sendText(text: string): void {
    try {
      const message = String(text ?? "").trim();
      if (message) this.panel?.sendText(message);
    } catch (error) {
      this.fail(error);
    }
  }

  private reload() {
    if (!this.agent || !this.key) return;
    this.phase = "loading";
    this.configs.load(this.apiBase, this.agent, this.key);
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
    this.error = error;
    this.phase = "error";
  }

  private toggle = () => void (this.isOpen ? this.close() : this.open());

  /** Hover, focus or touch on the launcher: fetch the panel before the click needs it. */
  private prefetch = () => void this.loadPanel().catch(() => {});

  private readonly launcher = new Launcher(this.toggle, this.prefetch, () => this.reload());
  /** Where the panel is drawn: before the launcher, so the launcher stays on top of it. */
  private readonly panelEnd = document.createComment("");

  protected override update(changed: PropertyValues<this>) {
    super.update(changed);
    const root = this.renderRoot;
    if (this.panelEnd.parentNode !== root) root.prepend(this.panelEnd);
    const lang = resolveLang(this.language);
    const panel = this.panel;
    const t = translator(lang, panel?.strings(lang), this.strings);
    const config = this.config;
    const inline = this.variant === "inline";
    panel?.draw(t, lang, inline || this.isOpen, this.panelEnd);
    const launcher = this.launcher;
    const error = this.error;
    if (inline) {
      launcher.unmount();
    } else if (this.phase === "loading") {
      // A retry keeps the unavailable launcher, and its focus, until the config answers.
      if (launcher.available) launcher.unmount();
    } else if (config) {
      const name = config.agent.name;
      launcher.update(t("launcherLabel", { name }), config.agent.avatarUrl, this.isOpen);
      launcher.mount(root);
    } else if (this.phase === "error" && error) {
      // The config could not load: say so where the launcher would be, rather than nothing.
      launcher.unavailable({
        label: t("unavailable"),
        reason: t(unavailableReason(error.code)),
        retry: canRetry(error.code) ? t("retry") : null,
      });
      launcher.mount(root);
    } else {
      launcher.unmount();
    }
  }
}
