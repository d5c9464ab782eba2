/**
 * The widget under a strict Content-Security-Policy (design §7). The strict-CSP example page
 * allows only its own origin — `default-src 'none'; script-src 'self'; style-src 'self';
 * connect-src 'self'`, no inline scripts or styles, no eval, no `blob:` or `data:` anywhere,
 * and Trusted Types required — and loading, opening, calling and hanging up must not trip it,
 * with either provider. The other example pages carry a looser policy of the same kind.
 *
 * The policy is in the page's own HTML (a <meta> tag, enforced like the header for these
 * directives): a document fulfilled by the test (to add a header) loses its loopback address
 * space, and Chromium's local-network checks then refuse the simulator's WebSocket for
 * reasons that have nothing to do with CSP; the quick-start server sends no CSP header.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectErrors, launchChromium, newContext, recordWidgetEvents } from "./support/browser";
import { type Parley, startParley } from "./support/server";
import { enabled, putAgentFirst, widget } from "./support/widget";

let parley: Parley;
let browser: Browser;

beforeAll(async () => {
  [parley, browser] = await Promise.all([startParley(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await parley?.close();
});

interface Watched {
  page: Page;
  violations: string[];
  errors: string[];
}

declare global {
  interface Window {
    parleyViolation?(description: string): void;
  }
}

/** A page whose CSP violation reports and console errors are kept, from the first byte. */
async function watchedPage(): Promise<Watched> {
  const context = await newContext(browser, parley.base);
  const page = await context.newPage();
  const violations: string[] = [];
  await page.exposeFunction("parleyViolation", (description: string) => {
    violations.push(description);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      window.parleyViolation?.(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  const errors = collectErrors(page);
  return { page, violations, errors };
}

async function policyOf(page: Page): Promise<string | null> {
  return page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute("content", { timeout: 1000 });
}

const directive = (policy: string | null, name: string) =>
  policy
    ?.split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

describe("the widget under a strict CSP", () => {
  for (const agentName of ["Front desk", "Help center"]) {
    it(`loads, opens, calls and hangs up (${agentName}) without a CSP violation or console error`, async () => {
      const { page, violations, errors } = await watchedPage();
      await putAgentFirst(page, agentName);
      const events = await recordWidgetEvents(page);
      await page.goto("/examples/strict-csp/");
      const policy = await policyOf(page);
      expect(directive(policy, "default-src")).toBe("default-src 'none'");
      expect(directive(policy, "script-src")).toBe("script-src 'self'");
      expect(directive(policy, "style-src")).toBe("style-src 'self'");
      expect(directive(policy, "connect-src")).toBe("connect-src 'self'");
      expect(directive(policy, "require-trusted-types-for")).toBe(
        "require-trusted-types-for 'script'",
      );
      expect(policy).not.toMatch(/unsafe|blob:|data:|\*/);
      // The page shows the policy it runs under; keep the two the same.
      const shown = await page.locator("[data-csp-policy]").textContent();
      expect(shown?.replace(/\s*\n\s*/g, " ")).toBe(policy);
      const ui = widget(page, agentName);

      await ui.launcher.click();
      await ui.startCall.click();
      await enabled(ui.input);
      await ui.input.fill("Hello there");
      await ui.send.click();
      await ui.line("agent", "How can I help you today?").waitFor();
      await ui.endCall.click();
      await ui.status.getByText("The call has ended").waitFor();

      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["connect", "end"]));
      expect(events.filter((e) => e.type === "error")).toEqual([]);
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it("loads the other example pages cleanly, and would notice a violation", async () => {
    const { page, violations, errors } = await watchedPage();
    for (const path of [
      "/examples/",
      "/examples/plain-html/",
      "/examples/themed/",
      "/examples/spa/",
    ]) {
      await page.goto(path, { waitUntil: "networkidle" });
      expect(directive(await policyOf(page), "script-src")).toBe("script-src 'self'");
    }
    // The SPA example mounts the widget from JavaScript with its module entry.
    await page.getByRole("button", { name: "Mount widget" }).click();
    await page.locator("voice-agent").getByRole("button", { name: "Talk to us" }).waitFor();
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);

    // The watch is live: an inline script is refused and reported.
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "document.title = 'inline ran'";
      document.body.append(script);
    });
    await page.waitForFunction(() => document.readyState === "complete");
    expect(await page.title()).not.toBe("inline ran");
    await expect.poll(() => violations).toEqual([expect.stringContaining("script-src")]);
    await page.context().close();
  });
});
