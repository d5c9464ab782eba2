import { css, html, nothing } from "lit";
import { ApiError } from "../api";
import { confirmAction } from "../components/confirm-dialog";
import { errorMessage, type Loadable, loading, track } from "../components/data-table";
import { formError, inputField, textAreaField } from "../components/fields";
import { pickStyles } from "../components/persona-picker";
import { toast } from "../components/toasts";
import {
  type VariableDraft,
  variablesEditor,
  variablesStyles,
} from "../components/variables-editor";
import { PREMIUM, voicePicker } from "../components/voice-picker";
import type { Persona, Voice, VoiceProvider } from "../types";
import { withPersonaVoice } from "../voices";
import { PageElement } from "./context";

interface Draft {
  name: string;
  description: string;
  instructions: string;
  firstMessage: string;
  language: string;
  dynamicVariables: VariableDraft[];
  voiceProvider: VoiceProvider;
  voiceId: string;
}

const draftFrom = (p: Persona | null): Draft => ({
  name: p?.name ?? "",
  description: p?.description ?? "",
  instructions: p?.instructions ?? "",
  firstMessage: p?.firstMessage ?? "",
  language: p?.language ?? "en",
  dynamicVariables: (p?.dynamicVariables ?? []).map((v) => ({
    name: v.name,
    description: v.description ?? "",
    required: v.required ?? false,
  })),
  voiceProvider: p?.voiceProvider ?? "openai",
  voiceId: p?.voiceId ?? "alloy",
});

/** Create (`personaId` unset) or edit a custom persona; templates open read-only. */
export class PersonaPage extends PageElement {
  static override properties = {
    personaId: {},
    persona: { state: true },
    voices: { state: true },
    draft: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  declare personaId: string | undefined;
  declare persona: Loadable<Persona | null>;
  declare voices: Voice[];
  declare draft: Draft;
  declare error: unknown;
  declare busy: boolean;

  static override styles = [
    ...PageElement.styles,
    pickStyles,
    variablesStyles,
    css`
      section.card {
        display: flex;
        flex-direction: column;
        gap: var(--pd-space-3);
      }
    `,
  ];

  constructor() {
    super();
    this.persona = loading();
    this.voices = [];
    this.draft = draftFrom(null);
    this.error = null;
    this.busy = false;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    // The element stays when the URL moves from one persona to another.
    if (!this.hasUpdated || changed.has("personaId")) this.load();
  }

  override connectedCallback() {
    super.connectedCallback();
    this.ctx.api.listVoices().then(
      (v) => {
        this.voices = v;
      },
      () => {
        this.voices = [];
      },
    );
  }

  private load() {
    const id = this.personaId;
    return track(
      async () => (id ? await this.ctx.api.getPersona(id) : null),
      (p) => {
        this.persona = p;
        if (p.status === "ready") this.draft = draftFrom(p.value);
      },
    );
  }

  private set(patch: Partial<Draft>) {
    this.draft = { ...this.draft, ...patch };
  }

  private fe(path: string) {
    return this.error instanceof ApiError ? this.error.fieldError(path) : undefined;
  }

  private async save(e: Event, existing: Persona | null) {
    e.preventDefault();
    this.busy = true;
    this.error = null;
    const d = this.draft;
    const body = {
      ...d,
      dynamicVariables: d.dynamicVariables.map((v) => ({
        name: v.name.trim(),
        ...(v.description.trim() ? { description: v.description.trim() } : {}),
        required: v.required,
      })),
    };
    try {
      if (existing) {
        this.persona = {
          status: "ready",
          value: await this.ctx.api.updatePersona(existing.id, body),
        };
        toast("Persona saved");
      } else {
        const created = await this.ctx.api.createPersona(body);
        toast("Persona created");
        this.ctx.navigate({ page: "persona", id: created.id }, { replace: true });
      }
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  private async confirmDelete(p: Persona) {
    const ok = await confirmAction({
      title: `Delete ${p.name}?`,
      body: "Agents that use this persona must be moved to another one first. This cannot be undone.",
      confirmLabel: "Delete persona",
      danger: true,
    });
    if (!ok) return;
    try {
      await this.ctx.api.deletePersona(p.id);
      toast("Persona deleted");
      this.ctx.navigate({ page: "personas" });
    } catch (error) {
      this.error = error;
    }
  }

  override render() {
    const p = this.persona;
    if (p.status === "loading") return html`<div class="card" role="status">Loading persona…</div>`;
    if (p.status === "error") {
      return html`<div class="card stack" role="alert">
        <h1>Persona not available</h1><span class="muted">${errorMessage(p.error)}</span>
        <div class="actions">
          <button class="btn btn-sm" type="button" @click=${() => this.load()}>Try again</button>
          <a class="btn btn-sm btn-ghost" href="/dashboard/personas">All personas</a>
        </div>
      </div>`;
    }
    const persona = p.value;
    const template = persona?.kind === "template";
    const d = this.draft;
    const fieldless = !(this.error instanceof ApiError && this.error.errors.length);
    return html`<p class="small" style="margin-bottom: var(--pd-space-2)"><a href="/dashboard/personas">Personas</a></p>
      <div class="page-header">
        <div>
          <h1>${persona ? persona.name : "New persona"}</h1>
          <p class="muted">${template ? "A template: use it in an agent or customise a copy." : "Instructions are the agent's system prompt. Use {{variable}} for values the page passes in."}</p>
        </div>
        ${persona && !template ? html`<button class="btn btn-danger" type="button" @click=${() => this.confirmDelete(persona)}>Delete</button>` : nothing}
      </div>
      <form novalidate @submit=${(e: Event) => this.save(e, persona)} aria-label="Persona">
        ${fieldless ? formError(this.error) : html`<div class="alert alert-danger" role="alert">Please fix the fields marked below.</div>`}
        <fieldset ?disabled=${template} class="stack-lg">
          <section class="card">
            ${inputField({
              id: "name",
              label: "Name",
              value: d.name,
              required: true,
              error: this.fe("name"),
              onInput: (name) => this.set({ name }),
            })}
            ${inputField({
              id: "description",
              label: "Description",
              value: d.description,
              error: this.fe("description"),
              hint: "For you and your team; the agent never sees it.",
              onInput: (description) => this.set({ description }),
            })}
            ${textAreaField({
              id: "instructions",
              label: "Instructions",
              value: d.instructions,
              rows: 10,
              mono: true,
              required: true,
              error: this.fe("instructions"),
              onInput: (instructions) => this.set({ instructions }),
            })}
            ${textAreaField({
              id: "first-message",
              label: "First message",
              value: d.firstMessage,
              rows: 2,
              error: this.fe("firstMessage"),
              hint: "What the agent says when a call starts.",
              onInput: (firstMessage) => this.set({ firstMessage }),
            })}
            ${inputField({
              id: "language",
              label: "Language",
              value: d.language,
              error: this.fe("language"),
              hint: "A language tag like en, es or pt-BR.",
              onInput: (language) => this.set({ language }),
            })}
          </section>
          <section class="card" aria-labelledby="vars">
            <h2 id="vars">Dynamic variables</h2>
            <p class="hint">Values the embedding page passes to the agent, used as {{name}} in the instructions.</p>
            ${variablesEditor({
              value: d.dynamicVariables,
              error: (path) => this.fe(path),
              onChange: (dynamicVariables) => this.set({ dynamicVariables }),
            })}
          </section>
          <section class="card" aria-label="Voice">
            ${voicePicker({
              idPrefix: "persona",
              provider: d.voiceProvider,
              voiceId: d.voiceId,
              voices: withPersonaVoice(this.voices, persona ?? undefined),
              entitled: this.ctx.me.entitlements.includes(PREMIUM),
              errors: { provider: this.fe("voiceProvider"), voice: this.fe("voiceId") },
              onProvider: (voiceProvider) => {
                const first = this.voices.find((v) => v.provider === voiceProvider);
                this.set({ voiceProvider, voiceId: first?.id ?? "" });
              },
              onVoice: (voiceId) => this.set({ voiceId }),
            })}
          </section>
        </fieldset>
        <div class="actions">
          ${
            template && persona
              ? html`<a class="btn btn-primary" href="/dashboard/agents/new?persona=${encodeURIComponent(persona.id)}">Use in an agent</a>`
              : html`<button class="btn btn-primary" type="submit" ?disabled=${this.busy}>
                  ${this.busy ? "Saving…" : persona ? "Save changes" : "Create persona"}
                </button>`
          }
          <a class="btn btn-ghost" href="/dashboard/personas">Cancel</a>
        </div>
      </form>`;
  }
}

if (!customElements.get("pd-persona")) customElements.define("pd-persona", PersonaPage);
