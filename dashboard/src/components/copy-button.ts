import { html, LitElement } from "lit";
import { shared } from "../styles/shared";

/** Copies `value` to the clipboard and says so, visibly and to screen readers. */
export class CopyButton extends LitElement {
  static override properties = {
    value: {},
    label: {},
    copied: { state: true },
  };
  declare value: string;
  declare label: string;
  declare copied: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;

  static override styles = [shared];

  constructor() {
    super();
    this.value = "";
    this.label = "Copy";
    this.copied = false;
  }

  private async copy() {
    try {
      await navigator.clipboard.writeText(this.value);
    } catch {
      // Clipboard API refused (insecure context, permissions): the old way still works.
      const area = document.createElement("textarea");
      area.value = this.value;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    this.copied = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.copied = false;
    }, 2000);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override render() {
    return html`<button class="btn btn-sm" type="button" @click=${this.copy}>
        ${this.copied ? "Copied" : this.label}
      </button>
      <span class="visually-hidden" role="status">${this.copied ? "Copied to clipboard" : ""}</span>`;
  }
}

if (!customElements.get("pd-copy-button")) customElements.define("pd-copy-button", CopyButton);
