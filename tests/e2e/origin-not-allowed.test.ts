/**
 * The demo key allows exactly `http://127.0.0.1:<port>` (design §4 rule 2). From any other
 * origin the widget must not talk: the visitor reads a sentence instead of a call (on another
 * website, an "unavailable" launcher with the reason), the page hears `voice-agent:error` with
 * `origin_not_allowed`, and no session is recorded. Once the partner allows that site, the
 * same page, with the widget's files and the API on another origin, holds a conversation.
 */
import { Agent } from "@parley/types";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnerApi } from "./support/api";
import { collectErrors, launchChromium, newContext, recordWidgetEvents } from "./support/browser";
import { type OtherSite, startOtherSite } from "./support/other-site";
import { shoot } from "./support/screens";
import { type Parley, startParley } from "./support/server";
import { agentWidget, enabled } from "./support/widget";

let parley: Parley;
let browser: Browser;
let otherSite: OtherSite;
let api: PartnerApi;

beforeAll(async () => {
  [parley, browser] = await Promise.all([startParley(), launchChromium()]);
  otherSite = await startOtherSite(parley.base);
  api = new PartnerApi(parley.base, parley.demo.secretKey);
});

afterAll(async () => {
  await otherSite?.close();
  await browser?.close();
  await parley?.close();
});

function frontDesk() {
  const agent = parley.demo.agents.find((a) => a.name === "Front desk");
  if (!agent) throw new Error("the demo has no Front desk agent");
  return agent;
}

/** What the widget says for this code (widget/src/i18n/en.ts). */
const notAllowedHere = "This assistant can't be used on this website.";

describe("the widget on an origin the key does not allow", () => {
  it("on the same server under another host name, refuses the call with origin_not_allowed", async () => {
    // `localhost` is the same server, but not the key's origin. The launcher's config is
    // public (a same-origin GET carries no Origin); starting a call is where the origin counts.
    const base = parley.base.replace("127.0.0.1", "localhost");
    const context = await newContext(browser, base);
    const page = await context.newPage();
    const events = await recordWidgetEvents(page);
    await page.goto("/examples/plain-html/");
    const agent = frontDesk();
    const ui = agentWidget(page, agent);

    await ui.launcher.click();
    await ui.startCall.click();
    await ui.status.getByText(notAllowedHere).waitFor();
    expect(await ui.status.getAttribute("role")).toBe("alert");
    // Retrying cannot help, so none is offered; the call never started.
    expect(await ui.startCall.count()).toBe(0);
    expect(await ui.endCall.count()).toBe(0);

    const errors = events.filter((e) => e.type === "error");
    expect(errors).toEqual([
      {
        type: "error",
        agent: agent.id,
        detail: { code: "origin_not_allowed", message: expect.stringContaining(base) },
      },
    ]);
    expect(events.filter((e) => e.type === "connect")).toEqual([]);
    const sessions = await api.sessions(agent.id);
    expect(sessions.data.filter((s) => s.origin === base)).toEqual([]);
    await context.close();
  });

  it("on another website, shows the widget is unavailable there and emits origin_not_allowed", async () => {
    const context = await newContext(browser, otherSite.origin);
    const page = await context.newPage();
    const errors = collectErrors(page);
    const events = await recordWidgetEvents(page);
    await page.goto("/examples/plain-html/");
    const agent = frontDesk();
    const element = page.locator(`voice-agent[agent="${agent.id}"]`);

    await expect
      .poll(() => events.filter((e) => e.type === "error" && e.agent === agent.id), {
        timeout: 10_000,
      })
      .toEqual([
        {
          type: "error",
          agent: agent.id,
          detail: {
            code: "origin_not_allowed",
            message: expect.stringContaining(otherSite.origin),
          },
        },
      ]);
    // The visitor is told, where the launcher would be, rather than shown nothing at all:
    // the label on screen, the reason as the launcher's description and, on hover, tooltip.
    const unavailable = element.getByRole("button", {
      name: "Voice assistant unavailable",
      exact: true,
    });
    await unavailable.waitFor({ state: "visible", timeout: 5_000 });
    expect(await unavailable.getAttribute("aria-disabled")).toBe("true");
    const describedBy = await unavailable.getAttribute("aria-describedby");
    expect(await element.locator(`[id="${describedBy}"]`).textContent()).toBe(notAllowedHere);
    await unavailable.hover();
    await element.getByRole("tooltip").getByText(notAllowedHere).waitFor({ timeout: 5_000 });
    await shoot(page, "widget-unavailable-origin-not-allowed", { fullPage: false });

    // It leads nowhere: no panel, no session request, no second error.
    // Playwright will not click what is aria-disabled; a visitor can.
    await unavailable.click({ force: true });
    expect(await element.locator("[part=panel]").count()).toBe(0);
    expect(events.filter((e) => e.type === "ready" || e.type === "start")).toEqual([]);
    expect(events.filter((e) => e.type === "error" && e.agent === agent.id)).toHaveLength(1);
    const sessions = await api.sessions(agent.id);
    expect(sessions.data.filter((s) => s.origin === otherSite.origin)).toEqual([]);
    // The module and its chunks loaded cross-origin, and the 403 was readable: the only
    // console errors are the browser's own lines for the refused config requests (and the
    // other site's missing favicon).
    const refused = (e: string) => e.includes("403") || e.includes("/favicon.ico");
    expect(errors.filter((e) => !refused(e))).toEqual([]);
    await context.close();
  });
});

describe("the widget on another website once the partner allows it", () => {
  it("loads cross-origin and holds a premium conversation there", async () => {
    // What a partner does after pasting the snippet on their own site: add the site's origin
    // to the agent (dashboard → Agents → allowed origins). The page, the widget's files and
    // the API are then on two origins, as on every real partner site.
    const agent = frontDesk();
    const path = `/v1/agents/${agent.id}`;
    const before = (await api.get(path, Agent)).allowedOrigins;
    await api.patch(path, { allowedOrigins: [...before, otherSite.origin] }, Agent);
    try {
      const context = await newContext(browser, otherSite.origin);
      const page = await context.newPage();
      const errors = collectErrors(page);
      const events = await recordWidgetEvents(page);
      await page.goto("/examples/plain-html/");
      const ui = agentWidget(page, agent);

      await ui.launcher.click();
      await ui.startCall.click();
      await ui.line("agent", "Good day, thank you for calling Acme Dental").waitFor();
      await enabled(ui.input);
      await ui.input.fill("What are your opening hours?");
      await ui.send.click();
      await ui.line("agent", /hours/i).waitFor();
      await ui.endCall.click();
      await ui.status.getByText("The call has ended").waitFor();

      const connect = events.find((e) => e.type === "connect" && e.agent === agent.id);
      expect(connect?.detail).toMatchObject({ provider: "elevenlabs" });
      expect(events.filter((e) => e.type === "error" && e.agent === agent.id)).toEqual([]);
      // No CORS refusal of the module, its chunks, the worklets or the API along the way; the
      // page's second widget (Help center, still not allowed here) is refused with a 403.
      const other = parley.demo.agents.find((a) => a.name === "Help center");
      expect(events.filter((e) => e.type === "error").map((e) => e.agent)).toEqual(
        other ? [other.id] : [],
      );
      const refused = (e: string) => e.includes("403") || e.includes("/favicon.ico");
      expect(errors.filter((e) => !refused(e))).toEqual([]);
      const sessions = await api.sessions(agent.id);
      expect(sessions.data.filter((s) => s.origin === otherSite.origin)).toEqual([
        expect.objectContaining({ status: "ended", provider: "elevenlabs" }),
      ]);
      await context.close();
    } finally {
      await api.patch(path, { allowedOrigins: before }, Agent);
    }
  });
});
