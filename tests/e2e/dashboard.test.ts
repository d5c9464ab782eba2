/**
 * A new partner's first ten minutes in the dashboard (the flow): sign up, write a
 * persona, create an agent from a template, copy the snippet, talk to the agent in the live
 * preview, then find the conversation in Sessions and its minutes on the Overview.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "./support/api";
import {
  collectErrors,
  launchChromium,
  newContext,
  recordWidgetEvents,
  type WidgetEvent,
} from "./support/browser";
import { shoot } from "./support/screens";
import { type Parley, startParley } from "./support/server";
import { enabled, widget } from "./support/widget";

let parley: Parley;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let events: WidgetEvent[];
let errors: string[];

// Unique per run: with DATABASE_URL every run shares one database.
const email = `e2e-${Date.now()}-${process.pid}@example.com`;
const agentName = "Support line";
const personaName = "Nora from billing";

beforeAll(async () => {
  [parley, browser] = await Promise.all([startParley(), launchChromium()]);
  context = await newContext(browser, parley.base);
  page = await context.newPage();
  events = await recordWidgetEvents(page);
  errors = collectErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await parley?.close();
});

const heading = (name: string | RegExp) => page.getByRole("heading", { name, level: 1 });
/** The value of one of the Overview's figures (`<dt>name</dt><dd>value</dd>`). */
const stat = (name: string) =>
  page
    .locator(".stat", { has: page.locator("dt", { hasText: new RegExp(`^${name}$`) }) })
    .locator("dd");
const text = async (locator: Locator) => (await locator.textContent())?.trim() ?? "";

describe("a new partner in the dashboard", () => {
  let agentId = "";

  it("signs up and lands on the overview", async () => {
    await page.goto("/dashboard/sign-up");
    await page.getByRole("button", { name: "Create account" }).waitFor();
    // Asking "who is signed in?" before sign-up is answered 401, which Chromium logs.
    expect(errors).toEqual([expect.stringMatching(/status of 401 .*\/v1\/auth\/me/)]);
    errors.length = 0;
    await shoot(page, "dashboard-sign-up");
    await page.getByLabel("Your name").fill("Erin Tester");
    await page.getByLabel("Company").fill("Tester & Co");
    await page.getByLabel("Work email").fill(email);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create account" }).click();
    await heading("Overview").waitFor();
    expect(new URL(page.url()).pathname).toBe("/dashboard/");
    await shoot(page, "dashboard-overview-new-partner");
  });

  it("writes a custom persona", async () => {
    await page.getByRole("link", { name: "Personas" }).first().click();
    await heading("Personas").waitFor();
    await page.getByRole("link", { name: "New persona" }).click();
    await heading("New persona").waitFor();
    await page.getByLabel("Name", { exact: true }).fill(personaName);
    await page
      .getByLabel("Instructions")
      .fill("You are Nora, who answers billing questions briefly and kindly.");
    await page.getByRole("button", { name: "Create persona" }).click();
    await heading(personaName).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/dashboard\/personas\/per_/);
    await shoot(page, "dashboard-persona-created");
  });

  it("creates an agent from a template and gets a working snippet", async () => {
    await page.getByRole("link", { name: "Agents" }).first().click();
    await heading("Agents").waitFor();
    await page.getByRole("link", { name: "New agent" }).first().click();
    await heading("New agent").waitFor();
    // The partner's own persona is offered beside the templates.
    await page.getByRole("radio", { name: new RegExp(personaName) }).waitFor();
    await page.getByRole("radio", { name: /Customer support/ }).check();
    await page.getByLabel("Agent name").fill(agentName);
    await shoot(page, "dashboard-agent-new");
    await page.getByRole("button", { name: "Create agent" }).click();
    await page.waitForURL(/\/dashboard\/agents\/agt_[^/]+\/embed$/);
    agentId = new URL(page.url()).pathname.split("/")[3] ?? "";

    await page.getByRole("button", { name: "Create a publishable key for this site" }).click();
    await page.getByText("This key is shown only now").waitFor();
    await page.getByRole("button", { name: "Copy snippet" }).click();
    await page.getByRole("button", { name: "Copied" }).waitFor();
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toContain(`<script src="${parley.base}/widget/v1/voice-agent.js" async>`);
    expect(snippet).toMatch(new RegExp(`<voice-agent agent="${agentId}" key="pk_[^"]+">`));
    expect(snippet).toBe(await page.locator("pre code").textContent());
    await shoot(page, "dashboard-agent-embed");
  });

  it("talks to the agent in the live preview", async () => {
    const allow = page.getByRole("button", { name: "Allow this dashboard" });
    if (await allow.isVisible()) {
      await allow.click();
      await allow.waitFor({ state: "detached" });
    }
    await page.getByRole("button", { name: "Open live preview" }).click();
    const ui = widget(page, agentName);
    await ui.launcher.click();
    await ui.startCall.click();
    await enabled(ui.input);
    await ui.input.fill("My invoice looks wrong");
    await ui.send.click();
    await ui.line("agent", /invoice looks wrong/).waitFor();
    await shoot(page, "dashboard-live-preview-call");
    await ui.endCall.click();
    await ui.status.getByText("The call has ended").waitFor();
    expect(events.filter((e) => e.type === "error")).toEqual([]);
    expect(events.find((e) => e.type === "connect")?.detail).toMatchObject({
      provider: "openai",
    });
  });

  it("finds the conversation in Sessions and its minutes on the Overview", async () => {
    await page.getByRole("link", { name: "Sessions" }).first().click();
    await heading("Sessions").waitFor();
    const row = page.getByRole("row").filter({ hasText: agentName });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/ended/i);
    await shoot(page, "dashboard-sessions-new-partner");

    // Usage is rolled up after the call ends; reload until the Overview shows it.
    await eventually(
      "the call on the Overview",
      async () => {
        await page.getByRole("link", { name: "Overview" }).first().click();
        await heading("Overview").waitFor();
        await stat("Sessions").waitFor();
        return (await text(stat("Sessions"))) === "1" ? true : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 500 },
    );
    const minutes = await text(stat("Minutes"));
    expect(minutes).toMatch(/^\d+(\.\d+)? min$/);
    expect(minutes).not.toBe("0 min");
    await shoot(page, "dashboard-overview-after-call");
    expect(errors).toEqual([]);
  });
});
