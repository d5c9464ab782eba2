import { css, html, nothing } from "lit";
import {
  type Column,
  dataTable,
  errorMessage,
  type Loadable,
  loading,
  tableStyles,
  track,
} from "../components/data-table";
import { formError, upgradePrompt } from "../components/fields";
import { pickStyles } from "../components/persona-picker";
import { toast } from "../components/toasts";
import { formatDateTime } from "../format";
import type { Me, Persona } from "../types";
import { PageElement } from "./context";

/**
 * The plan's cap on custom personas, when the server tells us (`Me.limits`). Until it
 * does, the server's `upgrade_required` answer on create is the enforcement we show.
 */
export function customPersonaCap(me: Me): number | null {
  if (!("limits" in me)) return null;
  const limits = me.limits;
  if (typeof limits !== "object" || limits === null || !("maxCustomPersonas" in limits))
    return null;
  return typeof limits.maxCustomPersonas === "number" ? limits.maxCustomPersonas : null;
}

export class PersonasPage extends PageElement {
  static override properties = {
    templates: { state: true },
    custom: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  declare templates: Loadable<Persona[]>;
  declare custom: Loadable<Persona[]>;
  declare error: unknown;
  declare busy: boolean;

  static override styles = [
    ...PageElement.styles,
    tableStyles,
    pickStyles,
    css`
      .gallery {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
        gap: var(--pd-space-3);
      }
      .template {
        display: flex;
        flex-direction: column;
        gap: var(--pd-space-2);
        padding: var(--pd-space-3);
      }
      .template .actions {
        margin-top: auto;
        padding-top: var(--pd-space-2);
      }
      section + section {
        margin-top: var(--pd-space-5);
      }
      section > h2 {
        margin-bottom: var(--pd-space-3);
      }
    `,
  ];

  constructor() {
    super();
    this.templates = loading();
    this.custom = loading();
    this.error = null;
    this.busy = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.loadTemplates();
    this.loadCustom();
  }

  private loadTemplates() {
    return track(
      async () => (await this.ctx.api.listTemplates()).data,
      (t) => {
        this.templates = t;
      },
    );
  }

  private loadCustom() {
    return track(
      async () => (await this.ctx.api.listPersonas()).data.filter((p) => p.kind === "custom"),
      (c) => {
        this.custom = c;
      },
    );
  }

  private async customise(template: Persona) {
    this.busy = true;
    this.error = null;
    try {
      const persona = await this.ctx.api.personaFromTemplate({ templateId: template.id });
      toast(`${persona.name} created from the template`);
      this.ctx.navigate({ page: "persona", id: persona.id });
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const cap = customPersonaCap(this.ctx.me);
    const count = this.custom.status === "ready" ? this.custom.value.length : null;
    const full = cap !== null && count !== null && count >= cap;
    return html`<div class="page-header">
        <div>
          <h1>Personas</h1>
          <p class="muted">
            Who your agents are: instructions, first message, language and voice.
            ${cap !== null && count !== null ? html`<span>${count} of ${cap} custom personas used.</span>` : nothing}
          </p>
        </div>
        ${
          full
            ? html`<button class="btn btn-primary" type="button" disabled>New persona</button>`
            : html`<a class="btn btn-primary" href="/dashboard/personas/new">New persona</a>`
        }
      </div>
      ${
        full
          ? html`<div style="margin-bottom: var(--pd-space-4)">
              ${upgradePrompt(`Your plan includes ${cap} custom personas and all are in use.`, null)}
            </div>`
          : nothing
      }
      ${this.error ? html`<div style="margin-bottom: var(--pd-space-4)">${formError(this.error)}</div>` : nothing}
      <section aria-labelledby="templates">
        <h2 id="templates">Templates</h2>
        ${this.gallery(full)}
      </section>
      <section aria-labelledby="custom">
        <h2 id="custom">Your personas</h2>
        ${dataTable({
          label: "Custom personas",
          columns: this.columns(),
          rows: this.custom,
          onRetry: () => this.loadCustom(),
          empty: {
            title: "No custom personas yet",
            body: "Customise a template above or write one from scratch.",
          },
        })}
      </section>`;
  }

  private columns(): Column<Persona>[] {
    return [
      {
        header: "Name",
        cell: (p) => html`<a href="/dashboard/personas/${encodeURIComponent(p.id)}">${p.name}</a>`,
      },
      { header: "Language", cell: (p) => p.language, optional: true },
      {
        header: "Voice",
        cell: (p) =>
          html`${p.voiceProvider === "elevenlabs" ? html`<span class="badge badge-accent">Premium</span>` : p.voiceId}`,
      },
      {
        header: "Updated",
        cell: (p) => formatDateTime(p.updatedAt, this.ctx.me.partner.timezone),
        optional: true,
      },
    ];
  }

  private gallery(full: boolean) {
    const t = this.templates;
    if (t.status === "loading")
      return html`<div class="card" role="status">Loading templates…</div>`;
    if (t.status === "error") {
      return html`<div class="card stack" role="alert">
        <strong>Could not load templates</strong><span class="muted">${errorMessage(t.error)}</span>
        <div><button class="btn btn-sm" type="button" @click=${() => this.loadTemplates()}>Try again</button></div>
      </div>`;
    }
    return html`<ul class="gallery" style="list-style: none; margin: 0; padding: 0">
      ${t.value.map(
        (p) => html`<li class="card template">
          <div class="pick-title">
            ${p.name}
            ${p.voiceProvider === "elevenlabs" ? html`<span class="badge badge-accent">Premium voice</span>` : nothing}
          </div>
          <p class="muted small">${p.description}</p>
          <p class="small">“${p.firstMessage}”</p>
          <div class="actions">
            <a class="btn btn-primary btn-sm" href="/dashboard/agents/new?persona=${encodeURIComponent(p.id)}"
              aria-label="Use in an agent: ${p.name}">Use in an agent</a>
            <button class="btn btn-sm" type="button" ?disabled=${this.busy || full}
              aria-label="Customise ${p.name}" @click=${() => this.customise(p)}>Customise</button>
          </div>
        </li>`,
      )}
    </ul>`;
  }
}

if (!customElements.get("pd-personas")) customElements.define("pd-personas", PersonasPage);
