import type { WidgetConfig } from "@parley/types";
import { nothing, render, type TemplateResult } from "lit/html.js";
import type { WidgetError } from "../../../api";
import type { Lang, Strings, Translate } from "../../../i18n";
import { loadCatalog } from "../../../i18n/catalogs";
import { en } from "../../../i18n/en";
import { inCall, type Phase } from "../state";
import type { VoiceAgent } from "../voice-agent.component";
import { CallController } from "./call-controller";
import { hasConsent, rememberConsent } from "./consent";
import { focusPanel, focusState, renderPanel, renderPanelBody } from "./panel";
import { panelStyles } from "./panel.styles";

/** What the visitor gets: the server allows a feature, and the page did not turn it off. */
export function effectiveFeatures(
  config: WidgetConfig | null,
  page: Pick<VoiceAgent, "textInput" | "transcript" | "mute">,
) {
  const allowed = config?.features ?? { textInput: false, transcript: true, mute: true };
  return {
    textInput: allowed.textInput && page.textInput !== false,
    transcript: allowed.transcript && page.transcript !== false,
    mute: allowed.mute && page.mute !== false,
  };
}

/** What the panel needs of the element beyond its public API (its protected state). */
export interface PanelPort {
  phase(): Phase;
  setPhase(phase: Phase): void;
  error(): WidgetError | null;
  clearError(): void;
  nextOpenAt(): string | null;
  config(): WidgetConfig | null;
  apiBase(): string;
  /** Turns any failure into the error state and `voice-agent:error`. */
  fail(error: unknown): void;
  /** Loads the config again (a retry before it ever loaded). */
  reload(): void;
}

/**
 * Everything `<voice-agent>` does once the visitor interacts: the dialog and its states, the
 * consent gate, the full catalogs and the call. The element creates one when the panel chunk
 * arrives and delegates to it; this adopts the panel's styles into the element's shadow root.
 */
export class PanelController {
  private readonly call: CallController;
  private readonly catalogs: Partial<Record<Lang, Strings>> = { en };
  private readonly catalogLoads = new Map<Lang, Promise<void>>();

  constructor(
    private readonly host: VoiceAgent,
    private readonly port: PanelPort,
  ) {
    this.call = new CallController(host, port);
    const root = host.shadowRoot;
    const sheet = panelStyles.styleSheet;
    if (root && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /** The full catalog for `lang`, English until it has arrived. */
  strings(lang: Lang): Strings {
    return this.catalogs[lang] ?? en;
  }

  /** Loads the catalog for `lang` once (Spanish is its own chunk) and re-renders with it. */
  loadStrings(lang: Lang): Promise<void> {
    if (this.catalogs[lang]) return Promise.resolve();
    let load = this.catalogLoads.get(lang);
    if (!load) {
      load = loadCatalog(lang).then(
        (strings) => {
          this.catalogs[lang] = strings;
          this.host.requestUpdate();
        },
        // English stands in; the next render asks again.
        () => void this.catalogLoads.delete(lang),
      );
      this.catalogLoads.set(lang, load);
    }
    return load;
  }

  focus(): void {
    focusPanel(this.host.renderRoot);
  }

  /** The rest of `start()` once the config is there: open, then consent or the call. */
  async start(config: WidgetConfig): Promise<void> {
    const { host, port } = this;
    if (host.variant !== "inline" && !host.isOpen) await host.open();
    if (port.phase() === "offline") return;
    if (config.consentText && !hasConsent(host.agent)) {
      port.setPhase("consent");
      return;
    }
    await this.beginCall();
  }

  end(): Promise<void> {
    return this.call.end("user_ended");
  }

  setMuted(muted: boolean): void {
    this.call.setMuted(muted);
  }

  sendText(text: string): void {
    this.call.sendText(text);
  }

  private acceptConsent = () => {
    rememberConsent(this.host.agent);
    void this.beginCall().catch((error: unknown) => this.port.fail(error));
  };

  private async beginCall() {
    const { host, port } = this;
    port.clearError();
    await this.call.start({
      apiBase: port.apiBase(),
      key: host.key,
      agent: host.agent,
      metadata: host.metadata,
      textInputAllowed: effectiveFeatures(port.config(), host).textInput,
      clientTools: host.clientTools,
      deps: host.callDeps,
    });
  }

  private retry = () => {
    if (this.port.config()) void this.host.start();
    else this.port.reload();
  };

  /**
   * Draws the panel (or clears it when not `shown`) in the element's shadow root, before `end`.
   * When the control that had focus goes away with the state it belonged to (End call once
   * the call is over, Start call once it begins), focus moves to the new state's control
   * instead of falling to the page, where Escape would no longer close the panel.
   */
  draw(t: Translate, lang: Lang, shown: boolean, end: ChildNode): void {
    const host = this.host;
    const root = host.renderRoot;
    const focused = root instanceof ShadowRoot ? root.activeElement : null;
    const hadFocus = focused?.closest(".panel") != null;
    render(shown ? this.render(t, lang) : nothing, root, { renderBefore: end, host });
    if (shown && hadFocus && !focused?.isConnected) focusState(root);
  }

  /** The dialog (or the inline region) with the body for the current phase. */
  private render(t: Translate, lang: Lang): TemplateResult {
    const { host, port } = this;
    const config = port.config();
    const phase = port.phase();
    const name = config?.agent.name ?? "";
    const features = effectiveFeatures(config, host);
    const body = inCall(phase)
      ? this.call.render({
          t,
          agentName: name,
          showTranscript: features.transcript,
          showTextInput: features.textInput,
          showMute: features.mute,
          onSend: (text) => host.sendText(text),
          onEnd: () => void host.end(),
        })
      : renderPanelBody({
          t,
          lang,
          phase,
          config,
          error: port.error(),
          nextOpenAt: port.nextOpenAt(),
          onStart: () => void host.start(),
          onAcceptConsent: this.acceptConsent,
          onRetry: this.retry,
        });
    return renderPanel({
      t,
      lang,
      name,
      avatar: config?.agent.avatarUrl,
      inline: host.variant === "inline",
      hidePoweredBy: config?.brand.hidePoweredBy === true,
      body,
      onClose: () => void host.close(),
    });
  }
}
