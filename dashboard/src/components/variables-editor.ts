import { css, html, nothing } from "lit";
import { checkedOf, inputField, inputValue } from "./fields";

export interface VariableDraft {
  name: string;
  description: string;
  required: boolean;
}

/** The persona's dynamic variables: one row each, add and remove. */
export function variablesEditor(o: {
  value: VariableDraft[];
  error: (path: string) => string | undefined;
  onChange: (value: VariableDraft[]) => void;
}) {
  const update = (i: number, patch: Partial<VariableDraft>) =>
    o.onChange(o.value.map((v, j) => (i === j ? { ...v, ...patch } : v)));
  const listError = o.error("dynamicVariables");
  const row = (v: VariableDraft, i: number) => {
    const n = i + 1;
    return html`<div class="variable">
      ${inputField({
        id: `var-${i}-name`,
        label: `Variable ${n} name`,
        value: v.name,
        error: o.error(`dynamicVariables.${i}.name`),
        placeholder: "first_name",
        onInput: (name) => update(i, { name }),
      })}
      <div class="field">
        <label for="var-${i}-description">Variable ${n} description</label>
        <input
          id="var-${i}-description"
          .value=${v.description}
          @input=${(e: Event) => update(i, { description: inputValue(e) })}
        />
      </div>
      <label class="check" style="min-height: 36px">
        <input
          type="checkbox"
          aria-label="Variable ${n} required"
          .checked=${v.required}
          @change=${(e: Event) => update(i, { required: checkedOf(e) })}
        />
        Required
      </label>
      <button
        class="btn btn-ghost btn-danger"
        type="button"
        aria-label="Remove variable ${n}"
        @click=${() => o.onChange(o.value.filter((_, j) => j !== i))}
      >
        Remove
      </button>
    </div>`;
  };
  return html`${o.value.map(row)}
    ${listError && !o.value.some((_, i) => o.error(`dynamicVariables.${i}.name`)) ? html`<span class="field-error">${listError}</span>` : nothing}
    <div>
      <button
        class="btn btn-sm"
        type="button"
        @click=${() => o.onChange([...o.value, { name: "", description: "", required: false }])}
      >
        Add variable
      </button>
    </div>`;
}

export const variablesStyles = css`
  .variable {
    display: grid;
    grid-template-columns: minmax(120px, 1fr) minmax(160px, 2fr) auto auto;
    gap: var(--pd-space-2);
    align-items: end;
  }
  @media (max-width: 640px) {
    .variable {
      grid-template-columns: 1fr;
    }
  }
`;
