import { css, html, LitElement, nothing } from "lit";
import { keyed } from "lit/directives/keyed.js";
import { Api, ApiError } from "./api";
import "./components/app-shell";
import type { SwitchPartnerDetail } from "./components/partner-switcher";
import { toast } from "./components/toasts";
import type { AppContext } from "./pages/context";
import { isPublic, isSignedOutOnly, landingAfterSwitch, type Route, Router } from "./router";
import type { Me } from "./types";
import "./pages/accept-invite";
import "./pages/agent";
import "./pages/agent-new";
import "./pages/agents";
import "./pages/keys";
import "./pages/overview";
import "./pages/persona";
import "./pages/personas";
import "./pages/session";
import "./pages/sessions";
import "./pages/settings";
import "./pages/sign-in";
import "./pages/sign-up";
import "./pages/team";

const titles: Record<Route["page"], string> = {
  "sign-in": "Sign in",
  "sign-up": "Create your account",
  "accept-invite": "Join a team",
  overview: "Overview",
  agents: "Agents",
  "agent-new": "New agent",
  agent: "Agent",
  personas: "Personas",
  "persona-new": "New persona",
  persona: "Persona",
  sessions: "Sessions",
  session: "Session",
  keys: "API keys",
  team: "Team",
  settings: "Settings",
  "not-found": "Not found",
};

/** The root: who is signed in, which page the URL names, and the frame around it. */
export class DashboardApp extends LitElement {
  static override properties = {
    me: { state: true },
    route: { state: true },
    bootError: { state: true },
    switching: { state: true },
  };
  /** undefined while we ask the server; null when nobody is signed in. */
  declare me: Me | null | undefined;
  declare route: Route;
  declare bootError: unknown;
  declare switching: boolean;

  private readonly api = new Api();
  private readonly router = new Router(window);
  private readonly memory = { publishableKey: null };
  private ctx: AppContext | null = null;

  static override styles = css`
    :host {
      display: block;
    }
    .boot {
      display: grid;
      place-items: center;
      min-height: 100vh;
      color: var(--pd-text-muted);
      font-family: var(--pd-font);
    }
  `;

  constructor() {
    super();
    this.switching = false;
    this.route = this.router.route;
    this.router.subscribe((route) => {
      this.route = route;
    });
    this.api.onUnauthorized = () => {
      this.me = null;
    };
  }

  private readonly onClick = (e: MouseEvent) => this.router.handleClick(e);

  /**
   * Tabs share the session cookie: when one switches partner (or signs in or out), the others
   * hear it here and read who they are again, rather than show one partner's pages over
   * another partner's data, or send a CSRF token that is no longer the session's.
   */
  private tabs: BroadcastChannel | null = null;
  private readonly onOtherTab = () => {
    this.api.me().then(
      (me) => {
        this.me = me;
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) this.me = null;
      },
    );
  };
  private tellOtherTabs() {
    this.tabs?.postMessage("session-changed");
  }

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener("click", this.onClick);
    if (typeof BroadcastChannel === "function") {
      this.tabs = new BroadcastChannel("parley-session");
      this.tabs.addEventListener("message", this.onOtherTab);
    }
    this.boot();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener("click", this.onClick);
    this.tabs?.close();
    this.tabs = null;
    this.router.dispose();
  }

  private async boot() {
    try {
      this.me = await this.api.me();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.me = null;
      else this.bootError = error;
    }
  }

  /** Keeps the URL honest: signed-out visitors go to sign-in, signed-in ones skip it. */
  override willUpdate() {
    if (this.me === null && !isPublic(this.route)) {
      const here = location.pathname + location.search;
      this.router.navigate({ page: "sign-in", next: here }, { replace: true });
    } else if (this.me && isSignedOutOnly(this.route)) {
      const next = this.route.page === "sign-in" ? this.route.next : undefined;
      this.router.navigate(next ?? { page: "overview" }, { replace: true });
    }
    if (this.me) {
      this.ctx = {
        api: this.api,
        me: this.me,
        navigate: (to, options) => this.router.navigate(to, options),
        refreshMe: async () => {
          this.me = await this.api.me();
        },
        memory: this.memory,
      };
    }
    document.title = `${titles[this.route.page]} · Parley`;
  }

  override updated(changed: Map<PropertyKey, unknown>) {
    // Move focus to the new page so keyboard and screen reader users start at the top.
    if (changed.has("route") && changed.get("route") !== undefined) {
      const shell = this.renderRoot.querySelector("pd-app-shell");
      shell?.shadowRoot?.querySelector<HTMLElement>("#content")?.focus({ preventScroll: false });
      window.scrollTo(0, 0);
    }
  }

  private signedIn = (e: CustomEvent<Me>) => {
    this.me = e.detail;
    this.tellOtherTabs();
  };

  /** Joined a team from an invitation: signed in as its member, on its overview. */
  private joined = (e: CustomEvent<Me>) => {
    this.me = e.detail;
    this.tellOtherTabs();
    this.router.navigate({ page: "overview" }, { replace: true });
    toast(`Welcome to ${e.detail.partner.name}`);
  };

  /** Moves the session to another partner, then shows the same section for that one. */
  private switchPartner = async (e: CustomEvent<SwitchPartnerDetail>) => {
    if (this.switching) return;
    this.switching = true;
    try {
      this.me = await this.api.switchPartner(e.detail.partnerId);
      this.tellOtherTabs();
      this.router.navigate(landingAfterSwitch(this.route));
      toast(`Now working in ${this.me.partner.name}`);
    } catch (error) {
      toast(error instanceof ApiError ? error.detail : "Could not switch partner", "error");
      // The list may be out of date (removed from that team meanwhile): read it again.
      this.me = await this.api.me().catch(() => this.me);
    } finally {
      this.switching = false;
    }
  };

  private signOut = async () => {
    try {
      await this.api.logout();
    } finally {
      this.me = null;
      this.tellOtherTabs();
    }
  };

  override render() {
    if (this.bootError) {
      return html`<div class="boot" role="alert">
        Parley could not be reached. Check your connection and reload the page.
      </div>`;
    }
    if (this.me === undefined) return html`<div class="boot" role="status">Loading…</div>`;
    const r = this.route;
    if (r.page === "sign-in") {
      return html`<pd-sign-in .api=${this.api} @signed-in=${this.signedIn}></pd-sign-in><pd-toasts></pd-toasts>`;
    }
    if (r.page === "sign-up") {
      return html`<pd-sign-up .api=${this.api} @signed-in=${this.signedIn}></pd-sign-up><pd-toasts></pd-toasts>`;
    }
    if (r.page === "accept-invite") {
      return html`<pd-accept-invite
          .api=${this.api}
          .signedInAs=${this.me?.user.email ?? null}
          @signed-in=${this.joined}
        ></pd-accept-invite>
        <pd-toasts></pd-toasts>`;
    }
    if (!this.me || !this.ctx) return nothing;
    return html`<pd-app-shell
        .me=${this.me}
        page=${r.page}
        ?switching=${this.switching}
        @sign-out=${this.signOut}
        @switch-partner=${this.switchPartner}
      >
        ${
          // A new partner means new pages: nothing of the previous partner's stays on screen.
          keyed(this.me.partner.id, this.page(r, this.ctx))
        }
      </pd-app-shell>
      <pd-toasts></pd-toasts>`;
  }

  private page(r: Route, ctx: AppContext) {
    switch (r.page) {
      case "overview":
        return html`<pd-overview .ctx=${ctx}></pd-overview>`;
      case "agents":
        return html`<pd-agents .ctx=${ctx}></pd-agents>`;
      case "agent-new":
        return html`<pd-agent-new .ctx=${ctx} .persona=${r.persona}></pd-agent-new>`;
      case "agent":
        return html`<pd-agent .ctx=${ctx} .agentId=${r.id} .tab=${r.tab}></pd-agent>`;
      case "personas":
        return html`<pd-personas .ctx=${ctx}></pd-personas>`;
      case "persona-new":
        return html`<pd-persona .ctx=${ctx}></pd-persona>`;
      case "persona":
        // keyed by id so a new persona's page starts fresh
        return html`<pd-persona .ctx=${ctx} .personaId=${r.id}></pd-persona>`;
      case "sessions":
        return html`<pd-sessions .ctx=${ctx} .filters=${r.filters}></pd-sessions>`;
      case "session":
        return html`<pd-session .ctx=${ctx} .sessionId=${r.id}></pd-session>`;
      case "keys":
        return html`<pd-keys .ctx=${ctx}></pd-keys>`;
      case "team":
        return html`<pd-team .ctx=${ctx}></pd-team>`;
      case "settings":
        return html`<pd-settings .ctx=${ctx}></pd-settings>`;
      default:
        return html`<h1 style="font-size: var(--pd-text-2xl); margin: 0 0 8px">Page not found</h1>
          <p>There is nothing at this address. <a href="/dashboard/">Go to the overview</a>.</p>`;
    }
  }
}

if (!customElements.get("pd-app")) customElements.define("pd-app", DashboardApp);
