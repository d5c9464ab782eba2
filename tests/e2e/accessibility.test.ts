/**
 * Every dashboard page (signed in as the demo partner, whose month of data fills them) and
 * the widget on every example page: no axe-core violations, and screenshots at a laptop and
 * a phone size in tests/e2e/screenshots/ for people to look at.
 *
 * On the example pages only the widget is checked: the pages themselves are demo scaffolding
 * (no <main> landmark, a scrollable <pre>) and their issues are tracked separately.
 */
import { Agent, page as listOf, Persona, SessionSummary } from "@parley/types";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnerApi } from "./support/api";
import { axePath, axeViolations } from "./support/axe";
import { collectErrors, launchChromium } from "./support/browser";
import { shoot, viewports } from "./support/screens";
import { type Parley, startParley } from "./support/server";
import { agentWidget, widget } from "./support/widget";

let parley: Parley;
let browser: Browser;
let dashboardPages: Array<[name: string, path: string]>;

beforeAll(async () => {
  [parley, browser] = await Promise.all([startParley(), launchChromium()]);
  const api = new PartnerApi(parley.base, parley.demo.secretKey);
  const [agents, sessions, templates] = await Promise.all([
    api.get("/v1/agents", listOf(Agent, "AgentList")),
    api.get("/v1/sessions?status=ended&limit=1", listOf(SessionSummary, "SessionList")),
    api.get("/v1/personas/templates", listOf(Persona, "PersonaList")),
  ]);
  const agent = agents.data[0]?.id;
  const session = sessions.data[0]?.id;
  const template = templates.data[0]?.id;
  if (!agent || !session || !template) throw new Error("the demo data is missing");
  dashboardPages = [
    ["overview", "/dashboard/"],
    ["agents", "/dashboard/agents"],
    ["agent-new", "/dashboard/agents/new"],
    ["agent-settings", `/dashboard/agents/${agent}`],
    ["agent-embed", `/dashboard/agents/${agent}/embed`],
    ["personas", "/dashboard/personas"],
    ["persona-new", "/dashboard/personas/new"],
    ["persona-template", `/dashboard/personas/${template}`],
    ["sessions", "/dashboard/sessions"],
    ["session", `/dashboard/sessions/${session}`],
    ["keys", "/dashboard/keys"],
    ["team", "/dashboard/team"],
    ["settings", "/dashboard/settings"],
    ["not-found", "/dashboard/no-such-page"],
  ];
});

afterAll(async () => {
  await browser?.close();
  await parley?.close();
});

async function contextAt(viewport: { width: number; height: number }): Promise<BrowserContext> {
  // axe is injected as a script tag; the CSP suite checks the pages' own policy.
  return browser.newContext({ viewport, baseURL: parley.base, bypassCSP: true });
}

/** The page has rendered its data: a level-1 heading and no loading placeholder left. */
async function settled(page: Page) {
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page
    .getByRole("status")
    .filter({ hasText: /^Loading/ })
    .first()
    .waitFor({ state: "detached", timeout: 10_000 });
  await page.waitForLoadState("networkidle");
}

async function signIn(page: Page) {
  await page.goto("/dashboard/sign-in");
  await page.getByLabel("Email").fill(parley.demo.login.email);
  await page.getByLabel("Password").fill(parley.demo.login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
}

const widgetOnly = { include: "voice-agent" };

describe.skipIf(!axePath)("accessibility (axe-core)", () => {
  for (const [size, viewport] of Object.entries(viewports)) {
    it(`every dashboard page at ${size} size has no axe violations`, async () => {
      const context = await contextAt(viewport);
      const page = await context.newPage();
      const errors = collectErrors(page);
      const found: Record<string, string[]> = {};

      for (const name of ["sign-in", "sign-up"]) {
        await page.goto(`/dashboard/${name}`);
        await settled(page);
        await shoot(page, `dashboard-${name}`);
        found[name] = await axeViolations(page);
      }
      await signIn(page);
      for (const [name, path] of dashboardPages) {
        await page.goto(path);
        await settled(page);
        await shoot(page, `dashboard-${name}`);
        found[name] = await axeViolations(page);
      }
      expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
      // Only the signed-out "who am I?" probes are expected to fail.
      expect(errors.filter((e) => !/status of 401 .*\/v1\/auth\/me/.test(e))).toEqual([]);
      await context.close();
    });
  }

  for (const [size, viewport] of Object.entries(viewports)) {
    it(`the example pages with the widget open at ${size} size have no axe violations`, async () => {
      const context = await contextAt(viewport);
      const page = await context.newPage();
      const found: Record<string, string[]> = {};
      const frontDesk = parley.demo.agents[0] ?? { id: "", name: "" };

      await page.goto("/examples/");
      await shoot(page, "examples-index");

      await page.goto("/examples/plain-html/");
      // Two agents on this page; axe checks both widgets, the first one open.
      const ui = agentWidget(page, frontDesk);
      await ui.launcher.click();
      await ui.startCall.waitFor();
      await shoot(page, "examples-plain-html-open", { fullPage: false });
      found["plain-html open"] = await axeViolations(page, widgetOnly);
      await ui.startCall.click();
      await ui.line("agent", /./).first().waitFor();
      await shoot(page, "examples-plain-html-call", { fullPage: false });
      found["plain-html in call"] = await axeViolations(page, widgetOnly);
      await ui.endCall.click();
      await ui.status.getByText("The call has ended").waitFor();

      await page.goto("/examples/themed/");
      // An inline widget and a floating one: open the floating one's panel too.
      await widget(
        page,
        frontDesk.name,
        page.locator("voice-agent[position=bottom-left]"),
      ).launcher.click();
      await shoot(page, "examples-themed-open", { fullPage: false });
      // The page's theme greys "Powered by" (#64748b on #111a2e) below 4.5:1: the reseller's
      // choice through ::part(powered-by), not the widget's own colours, which are checked above.
      found["themed open"] = await axeViolations(page, {
        ...widgetOnly,
        disable: ["color-contrast"],
      });

      await page.goto("/examples/strict-csp/");
      await widget(page, frontDesk.name).launcher.click();
      await shoot(page, "examples-strict-csp-open", { fullPage: false });
      found["strict-csp open"] = await axeViolations(page, widgetOnly);

      await page.goto("/examples/spa/");
      await page.getByRole("button", { name: "Mount widget" }).click();
      // Inline, with the page's wording for the call button; not started: the SPA example
      // cannot start a call yet (see widget-conversation.test.ts).
      await page.locator("voice-agent").getByRole("button", { name: "Talk to us" }).waitFor();
      await shoot(page, "examples-spa-open", { fullPage: false });
      found["spa open"] = await axeViolations(page, widgetOnly);

      expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
      await context.close();
    });
  }
});
