import { classMap } from "lit/directives/class-map.js";
import { ref } from "lit/directives/ref.js";
import { html, nothing, type TemplateResult } from "lit/html.js";
import type { Translate } from "../i18n";
import { formatDuration } from "../i18n/format";
import type { Mode, Role } from "./transport";

export interface TranscriptLine {
  role: Role;
  text: string;
}

/** Everything the in-call UI shows; the element owns the state, this only draws it. */
export interface CallViewModel {
  t: Translate;
  agentName: string;
  connected: boolean;
  mode: Mode;
  level: number;
  textOnly: boolean;
  muted: boolean;
  elapsedSeconds: number;
  warningSeconds: number | null;
  transcript: readonly TranscriptLine[];
  showTranscript: boolean;
  showTextInput: boolean;
  showMute: boolean;
  onSend(text: string): void;
  onMute(): void;
  onEnd(): void;
}

function submit(view: CallViewModel, event: SubmitEvent) {
  event.preventDefault();
  const form = event.currentTarget;
  if (!(form instanceof HTMLFormElement)) return;
  const input = form.elements.namedItem("text");
  if (!(input instanceof HTMLInputElement)) return;
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  view.onSend(text);
}

const micIcon = html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
  <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1A7 7 0 0 0 19 11h-2Z"/>
</svg>`;

/** The in-call UI: indicator, timer, transcript log, text input, mute and end. */
export function renderCall(view: CallViewModel): TemplateResult {
  const { t } = view;
  const status = !view.connected
    ? t("connecting")
    : view.textOnly
      ? t("textMode")
      : view.mode === "speaking"
        ? t("speaking", { name: view.agentName })
        : t("listening");
  return html`
    <div class="actions">
      <p class="status" part="status" role="status">${status}</p>
      ${
        view.connected
          ? html`<span class="timer" role="timer" aria-label=${t("timerLabel")}
              >${formatDuration(view.elapsedSeconds)}</span
            >`
          : nothing
      }
    </div>
    ${
      view.textOnly
        ? nothing
        : html`<div
            class=${classMap({ orb: true, listening: view.mode === "listening" })}
            ${ref(levelOf(view.level))}
            aria-hidden="true"
          ></div>`
    }
    ${
      view.warningSeconds !== null
        ? html`<p class="warning" role="alert">
            ${t("maxDurationWarning", { seconds: view.warningSeconds })}
          </p>`
        : nothing
    }
    ${
      view.showTranscript
        ? html`<div class="transcript" part="transcript" role="log" aria-live="polite"
            aria-label=${t("transcriptLabel")}>
            ${view.transcript.map(
              // Not <ol>/<li>: role="log" replaces the list's role, which would orphan the items.
              (line) => html`<p class="message ${line.role}" part="message">
                <span class="who">${line.role === "user" ? t("you") : view.agentName}: </span
                >${line.text}
              </p>`,
            )}
          </div>`
        : nothing
    }
    ${
      view.showTextInput
        ? html`<form @submit=${(event: SubmitEvent) => submit(view, event)}>
            <input part="input" name="text" autocomplete="off" aria-label=${t("inputLabel")}
              placeholder=${t("inputLabel")} ?disabled=${!view.connected} />
            <button type="submit" ?disabled=${!view.connected}>${t("send")}</button>
          </form>`
        : nothing
    }
    <div class="actions">
      ${
        view.showMute && !view.textOnly
          ? html`<button part="mute-button" aria-pressed=${view.muted ? "true" : "false"}
              @click=${view.onMute} ?disabled=${!view.connected}>${micIcon} ${t("mute")}</button>`
          : nothing
      }
      <button class="danger" part="call-button" @click=${view.onEnd}>${t("endCall")}</button>
    </div>
  `;
}

/**
 * Sets the audio level through the CSSOM, not a `style` attribute: strict pages forbid
 * inline style attributes (CSP `style-src`), and Lit's styleMap writes one on first render.
 */
function levelOf(level: number) {
  return (el: Element | undefined) => {
    if (el instanceof HTMLElement) el.style.setProperty("--level", level.toFixed(2));
  };
}
