import { css, html, nothing } from "lit";
import { ApiError } from "../api";
import { errorMessage, type Loadable, loading, track } from "../components/data-table";
import {
  checkboxField,
  formError,
  inputField,
  selectField,
  textAreaField,
} from "../components/fields";
import { personaPicker, pickStyles } from "../components/persona-picker";
import { toast } from "../components/toasts";
import { PREMIUM, voicePicker } from "../components/voice-picker";
import { workingHoursFields } from "../components/working-hours";
import type { Agent, Persona, Voice } from "../types";
import { standardVoices, withPersonaVoice } from "../voices";
import {
  type AgentDraft,
  asFallbackVoice,
  bodyFrom,
  draftFrom,
  fallbackVoices,
  withPersona,
} from "./agent-form";
import { PageElement } from "./context";

interface Choices {
  templates: Persona[];
  custom: Persona[];
  voices: Voice[];
}

/**
 * Create or edit an agent. On create it goes straight to the Embed tab.
 *
 * @event agent-saved - detail: Agent
 */
export class AgentEditor extends PageElement {
  static override properties = {
    agent: { attribute: false },
    initialPersona: {},
    choices: { state: true },
    draft: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  declare agent: Agent | null;
  declare initialPersona: string | undefined;
  declare choices: Loadable<Choices>;
  declare draft: AgentDraft;
  declare error: unknown;
  declare busy: boolean;

  static override styles = [
    ...PageElement.styles,
    pickStyles,
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
    this.agent = null;
    this.choices = loading();
    this.error = null;
    this.busy = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.draft = draftFrom(this.agent, this.ctx.me.partner.timezone);
    this.load();
  }

  private get premium() {
    return this.ctx.me.entitlements.includes(PREMIUM);
  }

  private load() {
    const { api } = this.ctx;
    return track(
      async () => {
        const [templates, custom, voices] = await Promise.all([
          api.listTemplates(),
          api.listPersonas(),
          api.listVoices(),
        ]);
        return { templates: templates.data, custom: custom.data, voices };
      },
      (c) => {
        this.choices = c;
        if (c.status === "ready" && !this.agent) this.pickInitial(c.value);
      },
    );
  }

  private pickInitial(c: Choices) {
    const all = [...c.templates, ...c.custom];
    const persona =
      all.find((p) => p.id === this.initialPersona) ??
      (this.draft.personaId ? undefined : c.templates[0]);
    if (persona) this.draft = withPersona(this.draft, persona, this.premium);
  }

  private set(patch: Partial<AgentDraft>) {
    this.draft = { ...this.draft, ...patch };
  }

  private fe(path: string) {
    return this.error instanceof ApiError ? this.error.fieldError(path) : undefined;
  }

  private async save(e: Event) {
    e.preventDefault();
    this.busy = true;
    this.error = null;
    const body = bodyFrom(this.draft);
    try {
      const saved = this.agent
        ? await this.ctx.api.updateAgent(this.agent.id, body)
        : await this.ctx.api.createAgent(body);
      toast(this.agent ? "Agent saved" : "Agent created");
      this.dispatchEvent(
        new CustomEvent<Agent>("agent-saved", { detail: saved, bubbles: true, composed: true }),
      );
    } catch (error) {
      this.error = error;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const c = this.choices;
    if (c.status === "loading")
      return html`<div class="card" role="status">Loading personas and voices…</div>`;
    if (c.status === "error") {
      return html`<div class="card stack" role="alert">
        <strong>Could not load personas and voices</strong>
        <span class="muted">${errorMessage(c.error)}</span>
        <div><button class="btn btn-sm" type="button" @click=${() => this.load()}>Try again</button></div>
      </div>`;
    }
    const d = this.draft;
    const persona = [...c.value.templates, ...c.value.custom].find((p) => p.id === d.personaId);
    const voices = withPersonaVoice(c.value.voices, persona);
    const fieldless = !(this.error instanceof ApiError && this.error.errors.length);
    return html`<form novalidate @submit=${this.save} aria-label=${this.agent ? "Agent settings" : "New agent"}>
      ${fieldless ? formError(this.error) : html`<div class="alert alert-danger" role="alert" tabindex="-1">Please fix the fields marked below.</div>`}
      <section class="card">
        ${inputField({
          id: "name",
          label: "Agent name",
          value: d.name,
          required: true,
          error: this.fe("name"),
          hint: "Only you see this name.",
          onInput: (name) => this.set({ name }),
        })}
        ${personaPicker({
          templates: c.value.templates,
          custom: c.value.custom,
          value: d.personaId,
          error: this.fe("personaId"),
          onChange: (p) => {
            this.draft = withPersona(this.draft, p, this.premium, persona);
          },
        })}
      </section>
      <section class="card" aria-label="Voice">
        ${voicePicker({
          idPrefix: "agent",
          provider: d.voiceProvider,
          voiceId: d.voiceId,
          voices,
          entitled: this.premium,
          errors: { provider: this.fe("voiceProvider"), voice: this.fe("voiceId") },
          onProvider: (voiceProvider) => {
            const first = voices.find((v) => v.provider === voiceProvider);
            this.set({ voiceProvider, voiceId: first?.id ?? "" });
          },
          onVoice: (voiceId) => this.set({ voiceId }),
        })}
        ${d.voiceProvider === "elevenlabs" ? this.fallback() : nothing}
      </section>
      <section class="card" aria-label="Conversation">
        ${textAreaField({
          id: "greeting",
          label: "Greeting",
          value: d.greeting,
          rows: 2,
          error: this.fe("greeting"),
          hint: persona?.firstMessage
            ? `Leave empty to use the persona's: “${persona.firstMessage}”`
            : "The first thing the agent says.",
          onInput: (greeting) => this.set({ greeting }),
        })}
        ${inputField({
          id: "max-duration",
          label: "Maximum call length (minutes)",
          type: "number",
          min: 1,
          max: 60,
          value: d.maxMinutes,
          error: this.fe("maxDurationSeconds"),
          onInput: (maxMinutes) => this.set({ maxMinutes }),
        })}
        ${textAreaField({
          id: "origins",
          label: "Allowed origins",
          value: d.origins,
          rows: 3,
          mono: true,
          error: this.fe("allowedOrigins"),
          hint: "The sites this agent may run on, one per line: https://shop.example or https://*.example.com.",
          onInput: (origins) => this.set({ origins }),
        })}
      </section>
      <section class="card" aria-label="Working hours">
        ${checkboxField({
          id: "hours",
          label: "Only take calls during working hours",
          checked: d.hoursEnabled,
          hint: "Outside these hours the widget shows that the agent is offline.",
          onChange: (hoursEnabled) => this.set({ hoursEnabled }),
        })}
        ${
          d.hoursEnabled
            ? workingHoursFields({
                value: d.hours,
                error: (path) => this.fe(path),
                onChange: (hours) => this.set({ hours }),
              })
            : nothing
        }
      </section>
      <div class="actions">
        <button class="btn btn-primary" type="submit" ?disabled=${this.busy}>
          ${this.busy ? "Saving…" : this.agent ? "Save changes" : "Create agent"}
        </button>
        <a class="btn btn-ghost" href="/dashboard/agents">Cancel</a>
      </div>
    </form>`;
  }

  /** Only a premium voice needs a stand-in. */
  private fallback() {
    const d = this.draft;
    return html`${checkboxField({
      id: "fallback",
      label: "Fall back to a standard voice",
      hint: "If the premium voice is unavailable or not included, the call continues with this voice instead of failing.",
      checked: d.fallbackEnabled,
      onChange: (fallbackEnabled) => this.set({ fallbackEnabled }),
    })}
        ${
          d.fallbackEnabled
            ? selectField({
                id: "fallback-voice",
                label: "Fallback voice",
                value: d.fallbackVoiceId,
                error: this.fe("fallbackVoiceId"),
                options: fallbackVoices.map((id) => ({
                  value: id,
                  label: standardVoices.find((v) => v.id === id)?.name ?? id,
                })),
                onChange: (v) => this.set({ fallbackVoiceId: asFallbackVoice(v) ?? "alloy" }),
              })
            : nothing
        }`;
  }
}

if (!customElements.get("pd-agent-editor")) customElements.define("pd-agent-editor", AgentEditor);
