/** Screenshots for people to look at (tests/e2e/screenshots/, gitignored; CI keeps them). */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BrowserContextOptions, Page } from "playwright-core";

export const screenshotDir = fileURLToPath(new URL("../screenshots/", import.meta.url));
mkdirSync(screenshotDir, { recursive: true });

export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
} as const;

/** A laptop, and a phone as Chromium emulates one (touch, mobile viewport, 2x pixels). */
export const devices = {
  desktop: { viewport: viewports.desktop },
  mobile: {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  },
} satisfies Record<string, BrowserContextOptions>;

/**
 * Waits for the page's and the widgets' finite animations (a panel rising into place) to
 * finish; endless ones (the speaking indicator) are left running.
 */
export async function settle(page: Page) {
  await page.evaluate(async () => {
    const roots: DocumentOrShadowRoot[] = [document];
    for (const element of document.querySelectorAll("voice-agent")) {
      if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    const finite = roots
      .flatMap((root) => root.getAnimations())
      .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime));
    await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
  });
}

/**
 * Saves `name-<width>x<height>.png` once animations have settled: the whole page, or with
 * `fullPage: false` what the visitor sees (a fixed-position panel belongs to the viewport).
 */
export async function shoot(page: Page, name: string, { fullPage = true } = {}) {
  await settle(page);
  const size = page.viewportSize();
  const suffix = size ? `${size.width}x${size.height}` : "page";
  await page.screenshot({ path: `${screenshotDir}${name}-${suffix}.png`, fullPage });
}
