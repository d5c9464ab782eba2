/** Screenshots for people to look at (tests/e2e/screenshots/, gitignored). */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

export const screenshotDir = fileURLToPath(new URL("../screenshots/", import.meta.url));
mkdirSync(screenshotDir, { recursive: true });

export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
} as const;

export async function shoot(page: Page, name: string) {
  const size = page.viewportSize();
  const suffix = size ? `${size.width}x${size.height}` : "page";
  await page.screenshot({ path: `${screenshotDir}${name}-${suffix}.png`, fullPage: true });
}
