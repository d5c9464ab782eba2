import type { WidgetConfig } from "@parley/types";
import { html, nothing, type TemplateResult } from "lit";
import { formatOpening, type Translate } from "../../i18n";
import type { Phase, ShownError } from "./state";

/** The dialog frame and the launcher; the element decides what goes in the body. */
export interface ShellModel {
  t: Translate;
  lang: string;
  name: string;
  avatar: string | null | undefined;
  inline: boolean;
  isOpen: boolean;
  showLauncher: boolean;
  hidePoweredBy: boolean;
  body: unknown;
  onKeydown(event: KeyboardEvent): void;
  onClose(): void;
  onToggle(): void;
}

export function renderShell(model: ShellModel): TemplateResult {
  const { t, name, avatar, inline } = model;
  const panel =
    inline || model.isOpen
      ? html`<div class="panel" part="panel" role=${inline ? "region" : "dialog"}
          aria-modal=${inline ? nothing : "true"} aria-label=${t("dialogLabel", { name })}
          tabindex="-1" lang=${model.lang} @keydown=${model.onKeydown}>
          <div class="header" part="header">
            ${avatar ? html`<img src=${avatar} alt="" />` : nothing}
            ${name ? html`<h2>${name}</h2>` : nothing}
            ${
              inline
                ? nothing
                : html`<button class="close" aria-label=${t("close")} @click=${model.onClose}>
                    ${closeIcon}
                  </button>`
            }
          </div>
          <div class="body">${model.body}</div>
          ${
            model.hidePoweredBy
              ? nothing
              : html`<div class="powered-by" part="powered-by">${t("poweredBy")}</div>`
          }
        </div>`
      : nothing;
  const launcher = model.showLauncher
    ? html`<button class="launcher" part="launcher" aria-haspopup="dialog"
        aria-expanded=${model.isOpen ? "true" : "false"}
        aria-label=${t("launcherLabel", { name })} @click=${model.onToggle}>
        ${avatar ? html`<img src=${avatar} alt="" />` : launcherIcon}
      </button>`
    : nothing;
  return html`${panel}${launcher}`;
}

/** What the panel's non-call states need; the element fills it and handles the clicks. */
export interface PanelModel {
  t: Translate;
  lang: string;
  phase: Phase;
  config: WidgetConfig | null;
  error: ShownError | null;
  nextOpenAt: string | null;
  onStart(): void;
  onAcceptConsent(): void;
  onRetry(): void;
}

const callButton = (model: PanelModel) =>
  html`<button class="primary" part="call-button" @click=${model.onStart}>
    ${model.t("startCall")}
  </button>`;

/** The panel body for every state but the call itself. */
export function renderPanelBody(model: PanelModel): TemplateResult | typeof nothing {
  const { t, phase, config } = model;
  switch (phase) {
    case "loading":
      return html`<p class="status" part="status" role="status">${t("loading")}</p>`;
    case "consent":
      return html`<p class="consent">${config?.consentText ?? ""}</p>
        <div class="actions">
          <button class="primary" part="call-button" @click=${model.onAcceptConsent}>
            ${t("consentAccept")}
          </button>
        </div>`;
    case "idle":
    case "ended":
      return html`<p class="status" part="status" role="status">
          ${phase === "ended" ? t("ended") : config?.persona.greeting || t("idle")}
        </p>
        <div class="actions">${callButton(model)}</div>`;
    case "offline": {
      const when = model.nextOpenAt ? formatOpening(model.nextOpenAt, model.lang) : "";
      return html`<p class="status" part="status" role="status">
        ${t("offline")} ${when ? t("offlineNext", { when }) : nothing}
      </p>`;
    }
    case "error": {
      const error = model.error;
      return html`<p class="status error" part="status" role="alert">
          ${t(error?.sentence ?? "error.unknown")}
        </p>
        ${
          error?.retry
            ? html`<div class="actions">
                <button class="primary" @click=${model.onRetry}>${t("retry")}</button>
              </div>`
            : nothing
        }`;
    }
    default:
      return nothing;
  }
}

export const launcherIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true">
  <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1A7 7 0 0 0 19 11h-2Z"/>
</svg>`;

export const closeIcon = html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
  <path d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3z"/>
</svg>`;

/** Elements inside `root` that take keyboard focus, in order, for the focus trap. */
export function focusable(root: ParentNode): HTMLElement[] {
  return [
    ...root.querySelectorAll<HTMLElement>(
      "button:not([disabled]), input:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])",
    ),
  ];
}

/** Keeps Tab inside an open dialog `panel`: focus wraps around at both ends. */
export function trapFocus(event: KeyboardEvent, panel: HTMLElement, active: Element | null) {
  const items = focusable(panel);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && (active === first || active === panel)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
