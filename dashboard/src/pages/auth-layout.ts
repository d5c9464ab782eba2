import { css, html, LitElement, type TemplateResult } from "lit";
import { type Api, ApiError } from "../api";
import { shared } from "../styles/shared";
import type { Me } from "../types";

/**
 * Shared frame and behaviour of sign-in and sign-up: a centred card, inline field errors.
 *
 * @event signed-in - detail: Me
 */
export class AuthPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    next: {},
    error: { state: true },
    busy: { state: true },
  };
  declare api: Api;
  declare next: string | undefined;
  declare error: unknown;
  declare busy: boolean;

  static override styles = [
    shared,
    css`
      :host {
        min-height: 100vh;
        display: grid;
        place-items: center;
        padding: var(--pd-space-4) var(--pd-space-3);
      }
      main {
        width: min(400px, 100%);
      }
      .brand {
        display: flex;
        align-items: center;
        gap: var(--pd-space-2);
        font-weight: 700;
        font-size: var(--pd-text-lg);
        margin-bottom: var(--pd-space-4);
      }
      .logo {
        width: 24px;
        height: 24px;
        border-radius: 7px;
        background: var(--pd-accent);
      }
      h1 {
        font-size: var(--pd-text-xl);
        margin-bottom: var(--pd-space-1);
      }
      .card {
        padding: var(--pd-space-5) var(--pd-space-4);
      }
      .card > p {
        margin-bottom: var(--pd-space-4);
      }
      .switch {
        margin-top: var(--pd-space-3);
        text-align: center;
      }
    `,
  ];

  constructor() {
    super();
    this.error = null;
    this.busy = false;
  }

  protected fieldError(path: string): string | undefined {
    return this.error instanceof ApiError ? this.error.fieldError(path) : undefined;
  }

  protected async submit(e: Event, call: () => Promise<Me>) {
    e.preventDefault();
    this.busy = true;
    this.error = null;
    try {
      const me = await call();
      this.dispatchEvent(
        new CustomEvent<Me>("signed-in", { detail: me, bubbles: true, composed: true }),
      );
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  protected frame(title: string, intro: string, body: TemplateResult) {
    return html`<main>
      <div class="brand"><span class="logo" aria-hidden="true"></span>Parley</div>
      <div class="card">
        <h1>${title}</h1>
        <p class="muted">${intro}</p>
        ${body}
      </div>
    </main>`;
  }
}
