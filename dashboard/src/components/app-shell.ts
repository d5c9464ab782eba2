import { css, html, LitElement } from "lit";
import type { PageName } from "../router";
import { shared } from "../styles/shared";
import type { Me } from "../types";
import "./partner-switcher";

const nav: { href: string; label: string; pages: PageName[] }[] = [
  { href: "/dashboard/", label: "Overview", pages: ["overview"] },
  { href: "/dashboard/agents", label: "Agents", pages: ["agents", "agent", "agent-new"] },
  { href: "/dashboard/personas", label: "Personas", pages: ["personas", "persona", "persona-new"] },
  { href: "/dashboard/sessions", label: "Sessions", pages: ["sessions", "session"] },
  { href: "/dashboard/keys", label: "API keys", pages: ["keys"] },
  { href: "/dashboard/team", label: "Team", pages: ["team"] },
  { href: "/dashboard/settings", label: "Settings", pages: ["settings"] },
];

/**
 * The signed-in frame: sidebar navigation (a top bar and menu under 800 px), the
 * partner's name, the partner switcher (for a user on several teams), sign out, and the
 * page in the default slot inside <main>.
 *
 * @event sign-out - the person asked to sign out
 * @event switch-partner - from the switcher; detail: { partnerId }
 */
export class AppShell extends LitElement {
  static override properties = {
    me: { attribute: false },
    page: {},
    switching: { type: Boolean },
    menuOpen: { state: true },
  };
  declare me: Me;
  declare page: PageName;
  /** A partner switch is under way. */
  declare switching: boolean;
  declare menuOpen: boolean;

  constructor() {
    super();
    this.menuOpen = false;
    this.switching = false;
  }

  static override styles = [
    shared,
    css`
      :host {
        min-height: 100vh;
        display: grid;
        grid-template-columns: 240px minmax(0, 1fr);
        /* The sidebar's surface runs the full page height, however long the page. */
        background: linear-gradient(to right, var(--pd-surface) 240px, transparent 240px);
      }
      .sidebar {
        position: sticky;
        top: 0;
        height: 100vh;
        display: flex;
        flex-direction: column;
        gap: var(--pd-space-4);
        padding: var(--pd-space-4) var(--pd-space-3);
        border-right: 1px solid var(--pd-border);
        background: var(--pd-surface);
      }
      .brand {
        display: flex;
        align-items: center;
        gap: var(--pd-space-2);
        font-weight: 700;
        font-size: var(--pd-text-lg);
        color: var(--pd-text);
        text-decoration: none;
        padding: 0 var(--pd-space-2);
      }
      .logo {
        width: 24px;
        height: 24px;
        border-radius: 7px;
        background: var(--pd-accent);
      }
      .topbar {
        display: none;
      }
      nav ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      nav a {
        display: block;
        padding: var(--pd-space-2) 12px;
        border-radius: var(--pd-radius);
        color: var(--pd-text-muted);
        text-decoration: none;
        font-weight: 500;
      }
      nav a:hover {
        background: var(--pd-surface-2);
        color: var(--pd-text);
      }
      nav a[aria-current="page"] {
        background: var(--pd-accent-soft);
        color: var(--pd-accent-ink);
      }
      .account {
        margin-top: auto;
        display: flex;
        flex-direction: column;
        gap: var(--pd-space-2);
        padding: var(--pd-space-3) var(--pd-space-2) 0;
        border-top: 1px solid var(--pd-border);
        font-size: var(--pd-text-sm);
      }
      .account strong {
        display: block;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      main {
        padding: var(--pd-space-5) var(--pd-space-5) var(--pd-space-6);
        max-width: 1120px;
        width: 100%;
      }
      @media (max-width: 800px) {
        :host {
          grid-template-columns: minmax(0, 1fr);
          grid-template-rows: auto auto 1fr;
          background: none;
        }
        .topbar {
          position: sticky;
          top: 0;
          z-index: 10;
          display: flex;
          align-items: center;
          justify-content: space-between;
          padding: var(--pd-space-2) var(--pd-space-3);
          background: var(--pd-surface);
          border-bottom: 1px solid var(--pd-border);
        }
        .sidebar {
          display: none;
          position: static;
          height: auto;
          border-right: 0;
          border-bottom: 1px solid var(--pd-border);
        }
        .sidebar.open {
          display: flex;
        }
        .sidebar .brand {
          display: none;
        }
        main {
          padding: var(--pd-space-4) var(--pd-space-3) var(--pd-space-6);
        }
      }
    `,
  ];

  override render() {
    const me = this.me;
    return html`
      <header class="topbar">
        <a class="brand" href="/dashboard/"><span class="logo" aria-hidden="true"></span>Parley</a>
        <button
          class="btn btn-sm"
          type="button"
          aria-expanded=${this.menuOpen ? "true" : "false"}
          aria-controls="sidebar"
          @click=${() => {
            this.menuOpen = !this.menuOpen;
          }}
        >
          Menu
        </button>
      </header>
      <aside id="sidebar" class="sidebar ${this.menuOpen ? "open" : ""}">
        <a class="brand" href="/dashboard/"><span class="logo" aria-hidden="true"></span>Parley</a>
        <nav aria-label="Main">
          <ul @click=${() => {
            this.menuOpen = false;
          }}>
            ${nav.map(
              (item) =>
                html`<li>
                  <a
                    href=${item.href}
                    aria-current=${item.pages.includes(this.page) ? "page" : "false"}
                    >${item.label}</a
                  >
                </li>`,
            )}
          </ul>
        </nav>
        <div class="account">
          <div>
            <strong>${me.partner.name}</strong>
            <span class="muted">${me.user.email}</span>
          </div>
          <pd-partner-switcher
            .memberships=${me.memberships}
            current=${me.partner.id}
            ?busy=${this.switching}
          ></pd-partner-switcher>
          <button
            class="btn btn-sm"
            type="button"
            @click=${() => this.dispatchEvent(new CustomEvent("sign-out", { bubbles: true, composed: true }))}
          >
            Sign out
          </button>
        </div>
      </aside>
      <main id="content" tabindex="-1"><slot></slot></main>
    `;
  }
}

if (!customElements.get("pd-app-shell")) customElements.define("pd-app-shell", AppShell);
