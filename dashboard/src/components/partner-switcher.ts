import { css, html, LitElement, nothing } from "lit";
import { shared } from "../styles/shared";
import type { Membership } from "../types";

export type SwitchKey = "ArrowDown" | "ArrowUp" | "Home" | "End";

/** Where focus goes in a list of `count` partners on a key press (wrapping at the ends). */
export function nextIndex(current: number, key: SwitchKey, count: number): number {
  if (count <= 0) return -1;
  switch (key) {
    case "ArrowDown":
      return (current + 1) % count;
    case "ArrowUp":
      return (current - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
  }
}

const isSwitchKey = (key: string): key is SwitchKey =>
  key === "ArrowDown" || key === "ArrowUp" || key === "Home" || key === "End";

export interface SwitchPartnerDetail {
  partnerId: string;
}

/**
 * The partner switcher in the shell, for a user on several teams: a disclosure button that
 * shows the list of partners, each a button, the current one marked `aria-current`. Enter
 * or Space opens it (↓ opens it on the current partner), ↓ ↑ Home End move between partners,
 * Escape closes it and returns focus to the button, and leaving it closes it. Renders nothing
 * for a user on one team.
 *
 * @event switch-partner - detail: SwitchPartnerDetail; the person chose another partner
 */
export class PartnerSwitcher extends LitElement {
  static override properties = {
    memberships: { attribute: false },
    current: {},
    busy: { type: Boolean },
    open: { state: true },
  };
  declare memberships: Membership[];
  /** The partner the session acts for now. */
  declare current: string;
  /** A switch is under way: the button says so and the list stays shut. */
  declare busy: boolean;
  declare open: boolean;

  static override styles = [
    shared,
    css`
      .toggle {
        width: 100%;
        justify-content: space-between;
      }
      .chevron {
        transition: transform 120ms ease;
      }
      [aria-expanded="true"] .chevron {
        transform: rotate(180deg);
      }
      ul {
        list-style: none;
        margin: var(--pd-space-1) 0 0;
        padding: var(--pd-space-1);
        border: 1px solid var(--pd-border);
        border-radius: var(--pd-radius);
        background: var(--pd-surface);
        display: flex;
        flex-direction: column;
        gap: 2px;
        max-height: 240px;
        overflow-y: auto;
      }
      ul[hidden] {
        display: none;
      }
      .partner {
        width: 100%;
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--pd-space-2);
        padding: var(--pd-space-2);
        border: 0;
        border-radius: var(--pd-radius);
        background: none;
        color: var(--pd-text);
        font: inherit;
        text-align: left;
        cursor: pointer;
      }
      .partner:hover {
        background: var(--pd-surface-2);
      }
      .partner[aria-current="true"] {
        background: var(--pd-accent-soft);
        color: var(--pd-accent-ink);
        font-weight: 600;
      }
      .name {
        overflow-wrap: anywhere;
      }
      .role {
        font-size: var(--pd-text-xs);
        color: var(--pd-text-muted);
        font-weight: 400;
      }
    `,
  ];

  constructor() {
    super();
    this.memberships = [];
    this.current = "";
    this.busy = false;
    this.open = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener("click", this.onDocumentClick);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener("click", this.onDocumentClick);
  }

  /** A click anywhere else closes the list (the click itself still does its work). */
  private readonly onDocumentClick = (e: MouseEvent) => {
    if (this.open && !e.composedPath().includes(this)) this.open = false;
  };

  private get toggle() {
    return this.renderRoot.querySelector<HTMLButtonElement>(".toggle");
  }

  private get partnerButtons() {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>(".partner")];
  }

  private focusPartner(index: number) {
    this.partnerButtons[index]?.focus();
  }

  private get currentIndex() {
    return Math.max(
      0,
      this.memberships.findIndex((m) => m.partnerId === this.current),
    );
  }

  private async openAndFocus(index: number) {
    this.open = true;
    await this.updateComplete;
    this.focusPartner(index);
  }

  private close({ refocus }: { refocus: boolean }) {
    this.open = false;
    if (refocus) this.toggle?.focus();
  }

  private onToggleKey(e: KeyboardEvent) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      this.openAndFocus(this.currentIndex);
    } else if (e.key === "Escape" && this.open) {
      e.preventDefault();
      this.close({ refocus: true });
    }
  }

  private onListKey(e: KeyboardEvent) {
    if (e.key === "Escape") {
      e.preventDefault();
      this.close({ refocus: true });
      return;
    }
    if (!isSwitchKey(e.key)) return;
    e.preventDefault();
    const buttons = this.partnerButtons;
    // The key comes from the focused partner's button (the list holds nothing else).
    const at = e.target instanceof HTMLButtonElement ? buttons.indexOf(e.target) : -1;
    this.focusPartner(nextIndex(at, e.key, buttons.length));
  }

  /** Tabbing out of the switcher closes it; moving within it does not. */
  private onFocusOut(e: FocusEvent) {
    const to = e.relatedTarget;
    if (this.open && !(to instanceof Node && this.shadowRoot?.contains(to))) this.open = false;
  }

  private choose(m: Membership) {
    this.close({ refocus: true });
    if (m.partnerId === this.current) return;
    this.dispatchEvent(
      new CustomEvent<SwitchPartnerDetail>("switch-partner", {
        detail: { partnerId: m.partnerId },
        bubbles: true,
        composed: true,
      }),
    );
  }

  override render() {
    if (this.memberships.length < 2) return nothing;
    return html`<div @focusout=${this.onFocusOut}>
      <button
        class="btn btn-sm toggle"
        type="button"
        aria-expanded=${this.open ? "true" : "false"}
        aria-controls="partners"
        ?disabled=${this.busy}
        @click=${() => {
          this.open = !this.open;
        }}
        @keydown=${this.onToggleKey}
      >
        ${this.busy ? "Switching…" : "Switch partner"}
        <span class="chevron" aria-hidden="true">▾</span>
      </button>
      <ul id="partners" aria-label="Your partners" ?hidden=${!this.open || this.busy} @keydown=${this.onListKey}>
        ${this.memberships.map(
          (m) => html`<li>
            <button
              class="partner"
              type="button"
              aria-current=${m.partnerId === this.current ? "true" : "false"}
              @click=${() => this.choose(m)}
            >
              <span class="name">${m.partnerName}</span><span class="role">${m.role}</span>
            </button>
          </li>`,
        )}
      </ul>
    </div>`;
  }
}

if (!customElements.get("pd-partner-switcher")) {
  customElements.define("pd-partner-switcher", PartnerSwitcher);
}
