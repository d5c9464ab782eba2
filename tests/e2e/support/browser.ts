/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with a fake
 * microphone that the page may use without a prompt.
 */
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
}

/** A context whose pages open at `base` and may use the microphone there. */
export async function newContext(
  browser: Browser,
  base: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    ...options,
    baseURL: base,
  });
  await context.grantPermissions(["microphone", "clipboard-read", "clipboard-write"], {
    origin: base,
  });
  return context;
}

export const widgetEventNames = [
  "ready",
  "start",
  "connect",
  "message",
  "mode",
  "end",
  "error",
] as const;

export interface WidgetEvent {
  type: string;
  detail: unknown;
  /** The `agent` attribute of the `<voice-agent>` that fired it (pages may have several). */
  agent: string | null;
}

declare global {
  interface Window {
    /** Installed by `recordWidgetEvents`: hands each widget event to the test. */
    parleyRecord?(type: string, detail: unknown, agent: string | null): void;
  }
}

/**
 * Collects every `voice-agent:*` event that reaches the document (they bubble and are
 * composed), on this page and on pages it navigates to.
 */
export async function recordWidgetEvents(page: Page): Promise<WidgetEvent[]> {
  const events: WidgetEvent[] = [];
  await page.exposeFunction(
    "parleyRecord",
    (type: string, detail: unknown, agent: string | null) => {
      events.push({ type, detail, agent });
    },
  );
  const listen = (names: readonly string[]) => {
    for (const name of names) {
      document.addEventListener(`voice-agent:${name}`, (event) => {
        // Composed events reach the document retargeted to the element itself.
        const agent = event.target instanceof Element ? event.target.getAttribute("agent") : null;
        window.parleyRecord?.(name, event instanceof CustomEvent ? event.detail : null, agent);
      });
    }
  };
  await page.addInitScript(listen, widgetEventNames);
  // The page may already be loaded; listeners added twice would double-count, so only
  // pages opened after this call are covered by the init script.
  return events;
}

/** Console errors and page errors, for pages that must load cleanly. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") {
      errors.push(`console: ${message.text()} (${message.location().url})`);
    }
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/** Reads `key` from an event detail, which arrives untyped from the page. */
function field(detail: unknown, key: string): unknown {
  return typeof detail === "object" && detail !== null ? Reflect.get(detail, key) : undefined;
}

export function numberIn(detail: unknown, key: string): number {
  const value = field(detail, key);
  if (typeof value !== "number") throw new Error(`no number ${key} in ${JSON.stringify(detail)}`);
  return value;
}

export function stringIn(detail: unknown, key: string): string {
  const value = field(detail, key);
  if (typeof value !== "string") throw new Error(`no string ${key} in ${JSON.stringify(detail)}`);
  return value;
}
