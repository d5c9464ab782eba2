/**
 * Every state a visitor can see (design §7) on the plain-HTML example page, in the light and
 * the dark scheme (`theme="auto"` under an emulated `prefers-color-scheme: dark`), on a
 * laptop and on a phone: screenshots in tests/e2e/screenshots/widget-<state>-<scheme>-<device>
 * for people to look at, and for each one the checks a screenshot cannot be trusted to show
 * — the panel is on screen, fills a phone, and has the scheme's colours.
 *
 * Real states only: the offline agent is closed through the partner API, the error is a call
 * from an origin the key does not allow, and "connecting" is held on screen by letting the
 * session request through only after the screenshot.
 */
import { Agent } from "@parley/types";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnerApi } from "./support/api";
import { collectErrors, launchChromium, newContext } from "./support/browser";
import { devices, settle, shoot } from "./support/screens";
import { type Parley, startParley } from "./support/server";
import { agentWidget, enabled, type WidgetUi } from "./support/widget";

let parley: Parley;
let browser: Browser;
let api: PartnerApi;
/** Help center's hours before this file closed it (with DATABASE_URL the demo is shared). */
let helpCenterHours: Agent["workingHours"] = null;

/** The weekday after today (UTC), 0 = Sunday: the only day the closed agent opens. */
const tomorrow = (new Date().getUTCDay() + 1) % 7;

beforeAll(async () => {
  [parley, browser] = await Promise.all([startParley(), launchChromium()]);
  api = new PartnerApi(parley.base, parley.demo.secretKey);
  const path = `/v1/agents/${agent("Help center").id}`;
  helpCenterHours = (await api.get(path, Agent)).workingHours;
  await api.patch(
    path,
    { workingHours: { timezone: "UTC", days: [tomorrow], open: "09:00", close: "17:00" } },
    Agent,
  );
});

afterAll(async () => {
  if (api) {
    await api.patch(
      `/v1/agents/${agent("Help center").id}`,
      { workingHours: helpCenterHours },
      Agent,
    );
  }
  await browser?.close();
  await parley?.close();
});

function agent(name: string) {
  const found = parley.demo.agents.find((a) => a.name === name);
  if (!found) throw new Error(`the demo has no agent named ${name}`);
  return found;
}

type Scheme = "light" | "dark";
type Device = keyof typeof devices;

/** Opens the plain-HTML example at `base`; in the dark scheme its widgets follow the system. */
async function openExample(base: string, scheme: Scheme, device: Device): Promise<Page> {
  const context = await newContext(browser, base, { ...devices[device], colorScheme: scheme });
  const page = await context.newPage();
  await page.goto("/examples/plain-html/");
  if (scheme === "dark") {
    await page.locator("voice-agent").evaluateAll((elements) => {
      for (const element of elements) element.setAttribute("theme", "auto");
    });
  }
  return page;
}

/** Relative luminance (WCAG) of a computed `rgb(…)` colour. */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/**
 * The open panel is entirely on screen, fills the screen on a phone (below 640 px), and is
 * dark or light as the scheme asks, with readable text.
 */
async function checkPanel(page: Page, panel: Locator, scheme: Scheme, device: Device) {
  // The panel rises into place when it opens; measure where it stays.
  await settle(page);
  const box = await panel.boundingBox();
  const size = page.viewportSize();
  if (!box || !size) throw new Error("the panel is not rendered");
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(size.width + 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(size.height + 0.5);
  if (device === "mobile") {
    expect(box.width).toBeCloseTo(size.width, 0);
    expect(box.height).toBeCloseTo(size.height, 0);
  }
  const colors = await panel.evaluate((element) => {
    const style = getComputedStyle(element);
    return { background: style.backgroundColor, text: style.color };
  });
  const background = luminance(colors.background);
  const text = luminance(colors.text);
  if (scheme === "dark") expect(background, colors.background).toBeLessThan(0.1);
  else expect(background, colors.background).toBeGreaterThan(0.8);
  const contrast = (Math.max(background, text) + 0.05) / (Math.min(background, text) + 0.05);
  expect(contrast, `${colors.text} on ${colors.background}`).toBeGreaterThanOrEqual(7);
}

const panelOf = (page: Page, agentId: string) =>
  page.locator(`voice-agent[agent="${agentId}"]`).locator("[part=panel]");

describe("every widget state, light and dark, laptop and phone", () => {
  for (const scheme of ["light", "dark"] as const) {
    for (const device of Object.keys(devices) as Device[]) {
      const name = (state: string) => `widget-${state}-${scheme}-${device}`;

      it(`${scheme} on a ${device}: idle, open, connecting, speaking, listening, ended, offline, error`, async () => {
        const frontDesk = agent("Front desk");
        const helpCenter = agent("Help center");
        const page = await openExample(parley.base, scheme, device);
        const errors = collectErrors(page);
        const ui: WidgetUi = agentWidget(page, frontDesk);
        const panel = panelOf(page, frontDesk.id);

        // Idle: both launchers, nothing open.
        await ui.launcher.waitFor();
        await agentWidget(page, helpCenter).launcher.waitFor();
        await shoot(page, name("idle"), { fullPage: false });

        await ui.launcher.click();
        await ui.startCall.waitFor();
        await checkPanel(page, panel, scheme, device);
        await shoot(page, name("open"), { fullPage: false });

        // Connecting: the session request waits for the screenshot.
        let release = () => {};
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        await page.route("**/v1/widget/sessions", async (route) => {
          await held;
          await route.continue();
        });
        await ui.startCall.click();
        await ui.status.getByText("Connecting…").waitFor();
        await shoot(page, name("connecting"), { fullPage: false });
        release();

        // Listening once connected and greeted; then the agent speaks its answer to a typed
        // question, and listens again. (Its greeting is spoken too, but the widget can report
        // "Listening…" through it when the first audio beats the connection's own callback.)
        await ui.line("agent", /Good day/).waitFor({ timeout: 20_000 });
        await enabled(ui.input);
        await ui.input.fill("What are your opening hours?");
        await ui.send.click();
        await ui.status.getByText("Front desk is speaking…").waitFor({ timeout: 20_000 });
        await ui.line("agent", /hours/i).waitFor();
        await checkPanel(page, panel, scheme, device);
        await shoot(page, name("speaking"), { fullPage: false });
        await ui.status.getByText("Listening…").waitFor({ timeout: 20_000 });
        await shoot(page, name("listening"), { fullPage: false });

        await ui.endCall.click();
        await ui.status.getByText("The call has ended").waitFor();
        await checkPanel(page, panel, scheme, device);
        await shoot(page, name("ended"), { fullPage: false });

        // Offline: Help center opens tomorrow only; it says when, in the visitor's time.
        await page
          .locator(`voice-agent[agent="${frontDesk.id}"]`)
          .getByRole("button", { name: "Close" })
          .click();
        await panel.waitFor({ state: "hidden" });
        const offline = agentWidget(page, helpCenter);
        await offline.launcher.click();
        await offline.status.getByText("We're away right now.").waitFor();
        expect(await offline.status.textContent()).toMatch(/We'll be back .+/);
        expect(await offline.startCall.count()).toBe(0);
        await checkPanel(page, panelOf(page, helpCenter.id), scheme, device);
        await shoot(page, name("offline"), { fullPage: false });
        expect(errors).toEqual([]);
        await page.context().close();

        // Error: the same page under a host name the key does not allow.
        const elsewhere = await openExample(
          parley.base.replace("127.0.0.1", "localhost"),
          scheme,
          device,
        );
        const refused = agentWidget(elsewhere, frontDesk);
        await refused.launcher.click();
        await refused.startCall.click();
        await refused.status.getByText("This assistant can't be used on this website.").waitFor();
        await checkPanel(elsewhere, panelOf(elsewhere, frontDesk.id), scheme, device);
        await shoot(elsewhere, name("error"), { fullPage: false });
        await elsewhere.context().close();
      });
    }
  }
});
