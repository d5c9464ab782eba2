import { html, nothing, type TemplateResult } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { live } from "lit/directives/live.js";
import { ApiError } from "../api";

/*
 * Form fields as templates rather than elements: the <label>, the control and its error
 * live in the page's own shadow root, so `for`/`id` and aria-describedby just work.
 */

/** The value of the control an input/change event came from. */
export function inputValue(e: Event): string {
  const t = e.target;
  return t instanceof HTMLInputElement ||
    t instanceof HTMLTextAreaElement ||
    t instanceof HTMLSelectElement
    ? t.value
    : "";
}

export const checkedOf = (e: Event): boolean =>
  e.target instanceof HTMLInputElement && e.target.checked;

interface Base {
  id: string;
  label: string;
  /** The server's message for this field, shown under it and linked to the control. */
  error?: string | undefined;
  hint?: string | TemplateResult;
  required?: boolean;
}

const described = (f: Base) =>
  [f.hint ? `${f.id}-hint` : "", f.error ? `${f.id}-error` : ""].filter(Boolean).join(" ") ||
  undefined;

const below = (f: Base) => html`
  ${f.hint ? html`<span class="hint" id="${f.id}-hint">${f.hint}</span>` : nothing}
  ${f.error ? html`<span class="field-error" id="${f.id}-error">${f.error}</span>` : nothing}
`;

export interface InputField extends Base {
  value: string;
  onInput: (value: string) => void;
  type?: "text" | "email" | "password" | "number" | "time" | "date" | "url";
  autocomplete?: string;
  min?: number;
  max?: number;
  placeholder?: string;
}

export function inputField(f: InputField) {
  return html`<div class="field">
    <label for=${f.id}>${f.label}</label>
    <input
      id=${f.id}
      name=${f.id}
      type=${f.type ?? "text"}
      .value=${live(f.value)}
      ?required=${f.required}
      autocomplete=${ifDefined(f.autocomplete)}
      min=${ifDefined(f.min)}
      max=${ifDefined(f.max)}
      placeholder=${ifDefined(f.placeholder)}
      aria-invalid=${f.error ? "true" : "false"}
      aria-describedby=${ifDefined(described(f))}
      @input=${(e: Event) => f.onInput(inputValue(e))}
    />
    ${below(f)}
  </div>`;
}

export interface TextAreaField extends Base {
  value: string;
  onInput: (value: string) => void;
  rows?: number;
  mono?: boolean;
}

export function textAreaField(f: TextAreaField) {
  return html`<div class="field">
    <label for=${f.id}>${f.label}</label>
    <textarea
      id=${f.id}
      name=${f.id}
      rows=${f.rows ?? 4}
      .value=${live(f.value)}
      ?required=${f.required}
      style=${f.mono ? "font-family: var(--pd-mono)" : ""}
      aria-invalid=${f.error ? "true" : "false"}
      aria-describedby=${ifDefined(described(f))}
      @input=${(e: Event) => f.onInput(inputValue(e))}
    ></textarea>
    ${below(f)}
  </div>`;
}

export interface SelectField extends Base {
  value: string;
  options: { value: string; label: string; disabled?: boolean }[];
  onChange: (value: string) => void;
}

export function selectField(f: SelectField) {
  return html`<div class="field">
    <label for=${f.id}>${f.label}</label>
    <select
      id=${f.id}
      name=${f.id}
      ?required=${f.required}
      aria-invalid=${f.error ? "true" : "false"}
      aria-describedby=${ifDefined(described(f))}
      @change=${(e: Event) => f.onChange(inputValue(e))}
    >
      ${f.options.map(
        (o) =>
          html`<option value=${o.value} ?selected=${o.value === f.value} ?disabled=${o.disabled}>
            ${o.label}
          </option>`,
      )}
    </select>
    ${below(f)}
  </div>`;
}

export function checkboxField(f: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}) {
  return html`<div class="field">
    <label class="check" for=${f.id}>
      <input
        id=${f.id}
        type="checkbox"
        .checked=${live(f.checked)}
        aria-describedby=${ifDefined(f.hint ? `${f.id}-hint` : undefined)}
        @change=${(e: Event) => f.onChange(checkedOf(e))}
      />
      ${f.label}
    </label>
    ${f.hint ? html`<span class="hint" id="${f.id}-hint">${f.hint}</span>` : nothing}
  </div>`;
}

/** What to show for an error that no single field owns; upgrades get their own prompt. */
export function formError(error: unknown) {
  if (!error) return nothing;
  if (error instanceof ApiError && error.code === "upgrade_required") {
    return upgradePrompt(error.detail, error.upgradeUrl);
  }
  const detail =
    error instanceof ApiError ? error.detail : "Something went wrong. Please try again.";
  return html`<div class="alert alert-danger" role="alert">${detail}</div>`;
}

/** A calm, specific upgrade prompt: what is missing and where to get it. */
export function upgradePrompt(detail: string, upgradeUrl: string | null) {
  return html`<div class="alert alert-accent" role="status">
    <strong>Upgrade to unlock this</strong>
    <span>${detail}</span>
    <div style="margin-top: var(--pd-space-2)">
      <a class="btn btn-primary btn-sm" href=${upgradeUrl ?? "/dashboard/settings#plan"}
        >See plans and add-ons</a
      >
    </div>
  </div>`;
}
