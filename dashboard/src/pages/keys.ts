import { css, html, nothing } from "lit";
import { ApiError } from "../api";
import { confirmAction } from "../components/confirm-dialog";
import "../components/copy-button";
import {
  type Column,
  dataTable,
  type Loadable,
  loading,
  tableStyles,
  track,
} from "../components/data-table";
import { formError, inputField, selectField, textAreaField } from "../components/fields";
import { toast } from "../components/toasts";
import { formatDateTime } from "../format";
import type { ApiKey, CreatedKey } from "../types";
import { parseOrigins } from "./agent-form";
import { PageElement } from "./context";

export class KeysPage extends PageElement {
  static override properties = {
    keys: { state: true },
    created: { state: true },
    kind: { state: true },
    mode: { state: true },
    name: { state: true },
    origins: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  declare keys: Loadable<ApiKey[]>;
  declare created: CreatedKey | null;
  declare kind: "publishable" | "secret";
  declare mode: "live" | "test";
  declare name: string;
  declare origins: string;
  declare error: unknown;
  declare busy: boolean;

  static override styles = [
    ...PageElement.styles,
    tableStyles,
    css`
      .secret {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--pd-space-2);
      }
      .secret code {
        flex: 1 1 240px;
        padding: var(--pd-space-2) 12px;
        background: var(--pd-surface);
        border-radius: var(--pd-radius);
        overflow-wrap: anywhere;
        color: var(--pd-text);
      }
      .create {
        margin-bottom: var(--pd-space-4);
      }
    `,
  ];

  constructor() {
    super();
    this.keys = loading();
    this.created = null;
    this.kind = "publishable";
    this.mode = "live";
    this.name = "";
    this.origins = "";
    this.error = null;
    this.busy = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.origins = location.origin;
    this.load();
  }

  private load() {
    return track(
      async () => (await this.ctx.api.listKeys()).data,
      (k) => {
        this.keys = k;
      },
    );
  }

  private fe(path: string) {
    return this.error instanceof ApiError ? this.error.fieldError(path) : undefined;
  }

  private async create(e: Event) {
    e.preventDefault();
    this.busy = true;
    this.error = null;
    try {
      this.created = await this.ctx.api.createKey({
        kind: this.kind,
        mode: this.mode,
        name: this.name,
        allowedOrigins: this.kind === "publishable" ? parseOrigins(this.origins) : [],
      });
      if (this.created.kind === "publishable") this.ctx.memory.publishableKey = this.created.key;
      this.name = "";
      await this.load();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  private async revoke(key: ApiKey) {
    const ok = await confirmAction({
      title: `Revoke ${key.name || key.displayPrefix}?`,
      body:
        key.kind === "publishable"
          ? "Widgets using this key stop starting calls immediately. This cannot be undone."
          : "Servers using this key lose access immediately. This cannot be undone.",
      confirmLabel: "Revoke key",
      danger: true,
    });
    if (!ok) return;
    try {
      await this.ctx.api.revokeKey(key.id);
      toast("Key revoked");
      await this.load();
    } catch (error) {
      toast(error instanceof ApiError ? error.detail : "Could not revoke the key", "error");
    }
  }

  override render() {
    const tz = this.ctx.me.partner.timezone;
    const columns: Column<ApiKey>[] = [
      {
        header: "Name",
        cell: (k) =>
          html`${k.name || "Untitled"}<br /><code class="muted">${k.displayPrefix}</code>`,
      },
      {
        header: "Type",
        cell: (k) =>
          html`<span class="badge ${k.kind === "secret" ? "badge-warning" : ""}">${k.kind}</span> <span class="badge">${k.mode}</span>`,
      },
      {
        header: "Allowed origins",
        cell: (k) => (k.kind === "secret" ? "—" : k.allowedOrigins.join(", ") || "Any"),
        optional: true,
      },
      { header: "Last used", cell: (k) => formatDateTime(k.lastUsedAt, tz), optional: true },
      {
        header: "Status",
        align: "end",
        cell: (k) =>
          k.revokedAt
            ? html`<span class="badge badge-danger">Revoked</span>`
            : html`<button class="btn btn-sm btn-danger" type="button" aria-label="Revoke ${k.name || k.displayPrefix}" @click=${() => this.revoke(k)}>Revoke</button>`,
      },
    ];
    return html`<div class="page-header">
        <div>
          <h1>API keys</h1>
          <p class="muted">Publishable keys go in your page and only work on their allowed origins. Secret keys are for your server; never put them in a page.</p>
        </div>
      </div>
      ${this.created ? this.shownOnce(this.created) : nothing}
      <section class="card create" aria-labelledby="new-key">
        <h2 id="new-key">Create a key</h2>
        <form novalidate @submit=${this.create}>
          ${formError(this.error instanceof ApiError && this.error.errors.length ? null : this.error)}
          <div class="grid-2">
            ${selectField({
              id: "key-kind",
              label: "Type",
              value: this.kind,
              onChange: (v) => {
                this.kind = v === "secret" ? "secret" : "publishable";
              },
              options: [
                { value: "publishable", label: "Publishable (for the widget)" },
                { value: "secret", label: "Secret (for your server)" },
              ],
            })}
            ${selectField({
              id: "key-mode",
              label: "Mode",
              value: this.mode,
              onChange: (v) => {
                this.mode = v === "test" ? "test" : "live";
              },
              options: [
                { value: "live", label: "Live" },
                { value: "test", label: "Test" },
              ],
            })}
          </div>
          ${inputField({
            id: "key-name",
            label: "Name",
            value: this.name,
            error: this.fe("name"),
            hint: "So you can tell keys apart, like “Marketing site”.",
            onInput: (v) => {
              this.name = v;
            },
          })}
          ${
            this.kind === "publishable"
              ? textAreaField({
                  id: "key-origins",
                  label: "Allowed origins",
                  value: this.origins,
                  rows: 2,
                  mono: true,
                  error: this.fe("allowedOrigins"),
                  hint: "One per line. The widget only starts calls from these sites.",
                  onInput: (v) => {
                    this.origins = v;
                  },
                })
              : nothing
          }
          <div><button class="btn btn-primary" type="submit" ?disabled=${this.busy}>${this.busy ? "Creating…" : "Create key"}</button></div>
        </form>
      </section>
      ${dataTable({
        label: "API keys",
        columns,
        rows: this.keys,
        onRetry: () => this.load(),
        empty: { title: "No keys yet", body: "Create a publishable key to embed the widget." },
      })}`;
  }

  private shownOnce(key: CreatedKey) {
    return html`<div class="alert alert-warning stack" role="status" style="margin-bottom: var(--pd-space-4)">
      <strong>Copy your new ${key.kind} key now. It will not be shown again.</strong>
      <div class="secret">
        <code>${key.key}</code>
        <pd-copy-button label="Copy key" .value=${key.key}></pd-copy-button>
        <button class="btn btn-sm" type="button" @click=${() => {
          this.created = null;
        }}>Done</button>
      </div>
    </div>`;
  }
}

if (!customElements.get("pd-keys")) customElements.define("pd-keys", KeysPage);
