import type { LauncherKey } from "../../i18n/launcher";

/**
 * The button every page shows before the visitor does anything: round, opening the panel,
 * once the config has loaded; a pill saying the assistant is unavailable, with the reason as
 * its tooltip, when it could not load. It is plain DOM, not a template: the script-tag bundle
 * then needs no template engine (lit-html comes with the panel), which keeps what a page
 * loads up front small (issue #5's budget).
 */

const SVG = "http://www.w3.org/2000/svg";
const MIC =
  "M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1A7 7 0 0 0 19 11h-2Z";
const TIP_ID = "launcher-tip";

function micIcon(): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", MIC);
  svg.append(path);
  return svg;
}

function avatarImage(src: string): HTMLImageElement {
  const img = document.createElement("img");
  img.src = src;
  img.alt = "";
  return img;
}

function span(text: string, className = ""): HTMLSpanElement {
  const element = document.createElement("span");
  element.className = className;
  element.textContent = text;
  return element;
}

/** Problem codes `GET /v1/widget/config` can answer with, and what the visitor reads for each. */
const reasons = new Map<string, LauncherKey>([
  ["invalid_key", "error.invalid_key"],
  // An `agent` or `key` attribute the API cannot even parse: the embed is set up wrong.
  ["validation_failed", "error.invalid_key"],
  ["origin_not_allowed", "error.origin_not_allowed"],
  ["agent_not_found", "error.agent_not_found"],
  ["network", "error.network"],
]);

/** The sentence the unavailable launcher gives for a config that failed with `code`. */
export const unavailableReason = (code: string): LauncherKey =>
  reasons.get(code) ?? "error.unknown";

/** What the unavailable launcher says, already translated. */
export interface Unavailable {
  label: string;
  reason: string;
  /** "Try again" when retrying can help: the click then loads the config again. */
  retry: string | null;
}

/** One launcher button, kept across renders so it keeps focus; each update changes what differs. */
export class Launcher {
  readonly button = document.createElement("button");
  /** The unavailable launcher's reason, shown on hover and focus, read as its description. */
  readonly tip = document.createElement("span");
  /** What the button shows now, so an update only redraws what changed. */
  private shown = "";
  private retrying = false;
  /** Whether it is the round launcher of a loaded config (not the unavailable one). */
  available = false;

  /**
   * @param onToggle - A click on the available launcher: open or close the panel.
   * @param onIntent - Hover, focus or touch: the visitor is about to click; fetch the panel.
   * @param onRetry - A click on the unavailable launcher when retrying can help.
   */
  constructor(onToggle: () => void, onIntent: () => void, onRetry: () => void) {
    const { button, tip } = this;
    button.setAttribute("part", "launcher");
    button.addEventListener("click", () => {
      if (this.available) onToggle();
      else if (this.retrying) onRetry();
    });
    const intent = () => this.available && onIntent();
    button.addEventListener("pointerenter", intent);
    button.addEventListener("focus", intent);
    tip.id = TIP_ID;
    tip.className = "tip";
    tip.setAttribute("role", "tooltip");
  }

  /** The config loaded: a round button that opens the agent's panel. */
  update(label: string, avatar: string | null | undefined, isOpen: boolean): void {
    const button = this.button;
    this.available = true;
    button.className = "launcher";
    button.setAttribute("aria-label", label);
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-expanded", String(isOpen));
    button.removeAttribute("aria-disabled");
    button.removeAttribute("aria-describedby");
    this.tip.remove();
    const shown = avatar ?? "";
    this.draw(`avatar:${shown}`, () => [shown ? avatarImage(shown) : micIcon()]);
  }

  /**
   * The config could not load: a pill that says the assistant is unavailable, the reason as
   * its description and tooltip. It retries on click when that can help; otherwise it is
   * `aria-disabled`, still focusable, so a keyboard or screen reader user can learn why.
   */
  unavailable({ label, reason, retry }: Unavailable): void {
    const { button, tip } = this;
    this.available = false;
    this.retrying = retry !== null;
    button.className = "launcher unavailable";
    // Named by its visible text (label in name), unlike the round launcher's icon.
    button.removeAttribute("aria-label");
    button.removeAttribute("aria-haspopup");
    button.removeAttribute("aria-expanded");
    if (retry) button.removeAttribute("aria-disabled");
    else button.setAttribute("aria-disabled", "true");
    button.setAttribute("aria-describedby", TIP_ID);
    tip.textContent = reason;
    this.draw(`unavailable:${label}:${retry}`, () => [
      micIcon(),
      span(label),
      ...(retry ? [document.createTextNode(" "), span(retry, "retry")] : []),
    ]);
  }

  /** Puts the launcher (and its tooltip, when it has one) at the end of `root`. */
  mount(root: ParentNode): void {
    const { button, tip } = this;
    if (button.parentNode !== root) root.append(button);
    if (!this.available && tip.previousSibling !== button) button.after(tip);
  }

  unmount(): void {
    this.button.remove();
    this.tip.remove();
  }

  private draw(key: string, children: () => Node[]) {
    if (key === this.shown) return;
    this.button.replaceChildren(...children());
    this.shown = key;
  }
}
