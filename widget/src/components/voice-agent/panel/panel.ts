import type { WidgetConfig } from "@parley/types";
import { html, nothing, type TemplateResult } from "lit/html.js";
import type { WidgetError } from "../../../api";
import type { Translate } from "../../../i18n";
import { formatOpening } from "../../../i18n/format";
import type { Phase } from "../state";
import { describeError } from "./errors";

/**
 * The dialog (a region in the inline variant): header, body and "powered by". The element
 * decides what goes in the body — the call UI during a call, `renderPanelBody` otherwise —
 * and handles the clicks; the dialog keeps focus inside itself and closes on Escape.
 */
export interface PanelModel {
  t: Translate;
  lang: string;
  name: string;
  avatar: string | null | undefined;
  inline: boolean;
  hidePoweredBy: boolean;
  body: unknown;
  onClose(): void;
}

export function renderPanel(model: PanelModel): TemplateResult {
  const { t, name, avatar, inline } = model;
  const onKeydown = (event: KeyboardEvent) => {
    if (inline) return;
    if (event.key === "Escape") {
      event.stopPropagation();
      model.onClose();
      return;
    }
    const panel = event.currentTarget;
    if (event.key === "Tab" && panel instanceof HTMLElement) trapFocus(event, panel);
  };
  return html`<div class="panel" part="panel" role=${inline ? "region" : "dialog"}
      aria-modal=${inline ? nothing : "true"} aria-label=${t("dialogLabel", { name })}
      tabindex="-1" lang=${model.lang} @keydown=${onKeydown}>
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
    </div>`;
}

/** What the panel's non-call states need; the element fills it and handles the clicks. */
export interface PanelBodyModel {
  t: Translate;
  lang: string;
  phase: Phase;
  config: WidgetConfig | null;
  error: WidgetError | null;
  nextOpenAt: string | null;
  onStart(): void;
  onAcceptConsent(): void;
  onRetry(): void;
}

const callButton = (model: PanelBodyModel) =>
  html`<button class="primary" part="call-button" @click=${model.onStart}>
    ${model.t("startCall")}
  </button>`;

/** The panel body for every state but the call itself. */
export function renderPanelBody(model: PanelBodyModel): TemplateResult | typeof nothing {
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
      const error = model.error ? describeError(model.error) : null;
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

const closeIcon = html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
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
function trapFocus(event: KeyboardEvent, panel: HTMLElement) {
  const root = panel.getRootNode();
  const active = root instanceof ShadowRoot ? root.activeElement : null;
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

/**
 * Moves focus to the panel's state: its main action (Start call, Try again, End call…), else
 * the panel's first control (Close), else the dialog itself.
 */
export function focusState(root: ParentNode): void {
  const action = root.querySelector<HTMLElement>(".panel .body .actions button:not([disabled])");
  if (action) action.focus();
  else focusPanel(root);
}

/** Moves focus into a just-opened panel: its first control, else the dialog itself. */
export function focusPanel(root: ParentNode): void {
  const panel = root.querySelector<HTMLElement>(".panel");
  if (panel) (focusable(panel)[0] ?? panel).focus();
}
