import { css, html, nothing } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import type { Persona } from "../types";

/** The persona choice on the agent form: the template gallery, then the partner's own. */
export function personaPicker(o: {
  templates: Persona[];
  custom: Persona[];
  value: string;
  error?: string | undefined;
  onChange: (persona: Persona) => void;
}) {
  const card = (p: Persona) =>
    html`<label class="pick ${p.id === o.value ? "selected" : ""}">
      <input
        type="radio"
        name="persona"
        .value=${p.id}
        .checked=${p.id === o.value}
        @change=${() => o.onChange(p)}
      />
      <span class="pick-body">
        <span class="pick-title">
          ${p.name}
          ${p.voiceProvider === "elevenlabs" ? html`<span class="badge badge-accent">Premium voice</span>` : nothing}
        </span>
        <span class="muted small">${p.description || p.firstMessage}</span>
      </span>
    </label>`;
  return html`<fieldset aria-describedby=${ifDefined(o.error ? "persona-error" : undefined)}>
    <legend>Persona</legend>
    <p class="hint" style="margin-bottom: var(--pd-space-2)">
      Who the agent is and what it says. Start from a template or use one of your own.
    </p>
    <div class="picks">
      ${o.templates.map(card)}
    </div>
    ${
      o.custom.length > 0
        ? html`<p class="hint" style="margin: var(--pd-space-3) 0 var(--pd-space-2)">Your personas</p>
            <div class="picks">${o.custom.map(card)}</div>`
        : nothing
    }
    <p class="small" style="margin-top: var(--pd-space-2)">
      <a href="/dashboard/personas/new">Write a custom persona</a>
    </p>
    ${o.error ? html`<span class="field-error" id="persona-error">${o.error}</span>` : nothing}
  </fieldset>`;
}

/** Radio cards, used by the persona gallery and the voice provider choice. */
export const pickStyles = css`
  .picks {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
    gap: var(--pd-space-2);
  }
  .pick {
    display: flex;
    gap: 12px;
    align-items: flex-start;
    padding: 12px var(--pd-space-3);
    border: 1px solid var(--pd-border-strong);
    border-radius: var(--pd-radius);
    background: var(--pd-surface);
    cursor: pointer;
    font-weight: 400;
    font-size: var(--pd-text-md);
  }
  .pick input {
    margin-top: 3px;
    flex: none;
  }
  .pick.selected {
    border-color: var(--pd-accent);
    background: var(--pd-accent-soft);
  }
  .pick.disabled {
    cursor: not-allowed;
    opacity: 0.75;
  }
  .pick:focus-within {
    box-shadow: var(--pd-focus);
  }
  .pick-body {
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-width: 0;
  }
  .pick-title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--pd-space-2);
    font-weight: 600;
  }
`;
