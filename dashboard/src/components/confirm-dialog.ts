import { css, html, LitElement } from "lit";
import { shared } from "../styles/shared";

export interface ConfirmOptions {
  title: string;
  body: string;
  confirmLabel: string;
  /** Destructive actions get a red button. */
  danger?: boolean;
}

/** A modal confirmation on the native <dialog>: focus trap, Escape and backdrop for free. */
export class ConfirmDialog extends LitElement {
  static override properties = { options: { attribute: false } };
  declare options: ConfirmOptions;
  private resolve: ((ok: boolean) => void) | null = null;

  static override styles = [
    shared,
    css`
      dialog {
        width: min(440px, calc(100vw - 32px));
        padding: var(--pd-space-4);
        border: 1px solid var(--pd-border);
        border-radius: var(--pd-radius-lg);
        background: var(--pd-surface);
        color: var(--pd-text);
        box-shadow: var(--pd-shadow-lg);
      }
      dialog::backdrop {
        background: rgb(10 12 16 / 45%);
      }
      p {
        margin: var(--pd-space-2) 0 var(--pd-space-4);
        color: var(--pd-text-muted);
      }
      .actions {
        justify-content: flex-end;
      }
    `,
  ];

  /** Opens the dialog; resolves true only when the person confirms. */
  open(): Promise<boolean> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.updateComplete.then(() => this.shadowRoot?.querySelector("dialog")?.showModal());
    });
  }

  private close(ok: boolean) {
    this.shadowRoot?.querySelector("dialog")?.close();
    this.resolve?.(ok);
    this.resolve = null;
  }

  override render() {
    return html`<dialog
      aria-labelledby="title"
      aria-describedby="body"
      @cancel=${() => this.close(false)}
      @close=${() => this.close(false)}
    >
      <h2 id="title">${this.options.title}</h2>
      <p id="body">${this.options.body}</p>
      <div class="actions">
        <button class="btn" type="button" autofocus @click=${() => this.close(false)}>Cancel</button>
        <button
          class="btn ${this.options.danger ? "btn-danger-solid" : "btn-primary"}"
          type="button"
          @click=${() => this.close(true)}
        >
          ${this.options.confirmLabel}
        </button>
      </div>
    </dialog>`;
  }
}

if (!customElements.get("pd-confirm-dialog")) {
  customElements.define("pd-confirm-dialog", ConfirmDialog);
}

/** Asks before a destructive action; the dialog removes itself when answered. */
export async function confirmAction(options: ConfirmOptions): Promise<boolean> {
  const dialog = new ConfirmDialog();
  dialog.options = options;
  document.body.append(dialog);
  try {
    return await dialog.open();
  } finally {
    dialog.remove();
  }
}
