import { css, html, LitElement } from "lit";
import { shared } from "../styles/shared";

export type ToastKind = "success" | "error" | "info";
interface Toast {
  id: number;
  message: string;
  kind: ToastKind;
}

const EVENT = "pd-toast";

/** Announces a short result ("Agent saved"). Any element may call it; one <pd-toasts> shows it. */
export function toast(message: string, kind: ToastKind = "success") {
  window.dispatchEvent(new CustomEvent<Omit<Toast, "id">>(EVENT, { detail: { message, kind } }));
}

export class Toasts extends LitElement {
  static override properties = { toasts: { state: true } };
  declare toasts: Toast[];
  private next = 0;

  static override styles = [
    shared,
    css`
      :host {
        position: fixed;
        inset: auto var(--pd-space-3) var(--pd-space-3) auto;
        z-index: 20;
        max-width: calc(100vw - 32px);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--pd-space-2);
      }
      li {
        display: flex;
        align-items: center;
        gap: var(--pd-space-3);
        padding: 12px var(--pd-space-3);
        border-radius: var(--pd-radius);
        background: var(--pd-text);
        color: var(--pd-surface);
        box-shadow: var(--pd-shadow-lg);
      }
      li.error {
        background: var(--pd-danger);
      }
      button {
        border: 0;
        background: none;
        color: inherit;
        font: inherit;
        cursor: pointer;
        text-decoration: underline;
      }
    `,
  ];

  constructor() {
    super();
    this.toasts = [];
  }

  private readonly onToast = (e: Event) => {
    if (!(e instanceof CustomEvent)) return;
    const { message, kind } = e.detail;
    const id = this.next++;
    this.toasts = [...this.toasts, { id, message: String(message), kind }];
    setTimeout(() => this.dismiss(id), 5000);
  };

  private dismiss(id: number) {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener(EVENT, this.onToast);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener(EVENT, this.onToast);
  }

  override render() {
    return html`<div role="status" aria-live="polite"><ul>
      ${this.toasts.map(
        (t) =>
          html`<li class=${t.kind}>
            <span>${t.message}</span>
            <button type="button" @click=${() => this.dismiss(t.id)}>Dismiss</button>
          </li>`,
      )}
    </ul></div>`;
  }
}

if (!customElements.get("pd-toasts")) customElements.define("pd-toasts", Toasts);
