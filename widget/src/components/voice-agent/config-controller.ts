import type { ReactiveControllerHost } from "@lit/reactive-element";
import type { WidgetConfig } from "@parley/types";
import { fetchConfig } from "../../api";
import { serverThemeCss } from "./voice-agent.styles";

/** What the element does with a loaded config or a failed load. */
export interface ConfigPort {
  loaded(config: WidgetConfig): void;
  fail(error: unknown): void;
}

/**
 * `GET /v1/widget/config` for the element's agent and key: only the latest request counts
 * (attributes can change while one is in flight), and the server's theme is adopted as a
 * constructable stylesheet so a strict `style-src` never gets in the way.
 */
export class ConfigController {
  config: WidgetConfig | null = null;
  /** Settles when the latest load has finished, whichever way. */
  loading: Promise<void> = Promise.resolve();

  private request = 0;
  private themeSheet: CSSStyleSheet | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly port: ConfigPort,
  ) {}

  load(apiBase: string, agent: string, key: string): void {
    this.loading = this.fetch(apiBase, agent, key);
  }

  private async fetch(apiBase: string, agent: string, key: string): Promise<void> {
    const request = ++this.request;
    try {
      const config = await fetchConfig(apiBase, agent, key);
      if (request !== this.request) return;
      this.config = config;
      this.applyTheme(config);
      this.host.requestUpdate();
      this.port.loaded(config);
    } catch (error) {
      if (request !== this.request) return;
      // A config for other attributes (or none) must not stand in for the one that failed.
      this.config = null;
      this.port.fail(error);
    }
  }

  private applyTheme(config: WidgetConfig) {
    const root = this.host.shadowRoot;
    if (!root) return;
    const sheet = this.themeSheet ?? new CSSStyleSheet();
    sheet.replaceSync(serverThemeCss(config.theme));
    if (!this.themeSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    this.themeSheet = sheet;
  }
}
