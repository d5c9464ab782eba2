import { LitElement, type PropertyDeclarations } from "lit";
import type { Api } from "../api";
import type { Route } from "../router";
import { shared } from "../styles/shared";
import type { Me } from "../types";

/** What every signed-in page is handed by the app: no globals, easy to fake in a test. */
export interface AppContext {
  api: Api;
  me: Me;
  navigate: (to: Route | string, options?: { replace?: boolean }) => void;
  /** Re-reads `Me` after something that changes it (settings, plan). */
  refreshMe: () => Promise<void>;
  /**
   * Lives as long as the tab: a publishable key created here, whole, so the embed
   * snippet can use it on every agent until the page is reloaded.
   */
  memory: { publishableKey: string | null };
}

export class PageElement extends LitElement {
  static override properties: PropertyDeclarations = { ctx: { attribute: false } };
  declare ctx: AppContext;
  static override styles = [shared];
}
