import { html, nothing } from "lit";
import type { WorkingHours } from "../types";
import { checkedOf, inputField } from "./fields";

const dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Time zone, days and opening times; `error(path)` reads `workingHours.<field>` errors. */
export function workingHoursFields(o: {
  value: WorkingHours;
  error: (path: string) => string | undefined;
  onChange: (value: WorkingHours) => void;
}) {
  const h = o.value;
  const set = (patch: Partial<WorkingHours>) => o.onChange({ ...h, ...patch });
  const daysError = o.error("workingHours.days");
  return html`
    ${inputField({
      id: "hours-timezone",
      label: "Time zone",
      value: h.timezone,
      error: o.error("workingHours.timezone"),
      hint: "An IANA time zone like Europe/Madrid.",
      onInput: (timezone) => set({ timezone }),
    })}
    <fieldset>
      <legend>Days</legend>
      <div class="row" style="gap: var(--pd-space-2) var(--pd-space-3)">
        ${dayNames.map(
          (name, day) => html`<label class="check">
            <input
              type="checkbox"
              .checked=${h.days.includes(day)}
              @change=${(e: Event) =>
                set({
                  days: checkedOf(e)
                    ? [...h.days, day].sort((a, b) => a - b)
                    : h.days.filter((x) => x !== day),
                })}
            />${name}
          </label>`,
        )}
      </div>
      ${daysError ? html`<span class="field-error">${daysError}</span>` : nothing}
    </fieldset>
    <div class="grid-2">
      ${inputField({
        id: "hours-open",
        label: "Opens",
        type: "time",
        value: h.open,
        error: o.error("workingHours.open"),
        onInput: (open) => set({ open }),
      })}
      ${inputField({
        id: "hours-close",
        label: "Closes",
        type: "time",
        value: h.close,
        error: o.error("workingHours.close"),
        onInput: (close) => set({ close }),
      })}
    </div>`;
}
