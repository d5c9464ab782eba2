/**
 * The demo key allows exactly `http://127.0.0.1:<port>` (design §4 rule 2). From any other
 * origin the widget must not talk: the visitor reads a sentence instead of a call, the page
 * hears `voice-agent:error` with `origin_not_allowed`, and no session is recorded.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnerApi } from "./support/api";
import { launchChromium, newContext, recordWidgetEvents } from "./support/browser";
import { type OtherSite, startOtherSite } from "./support/other-site";
import { type Parley, startParley } from "./support/server";
import { agentWidget } from "./support/widget";

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

  // FAILS TODAY because of the server, not the widget or this test (see the report in the
  // pull request): GET /widget/v1/voice-agent.module.js has no Access-Control-Allow-Origin,
  // so the snippet's module import is refused on every site but the API's own origin, and
  // the 403 from GET /v1/widget/config has none either, so the widget could only ever read
  // it as `network`. Turn this into a plain `it` with the server fix.
  it.fails("on another website, shows it cannot be used there and emits origin_not_allowed", async () => {
    const context = await newContext(browser, otherSite.origin);
    const page = await context.newPage();
    const events = await recordWidgetEvents(page);
    await page.goto("/examples/plain-html/");
    const agent = frontDesk();
    // Without its config the widget does not know the agent's name, so not by role and name.
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
    // The visitor is told, rather than shown a launcher that leads nowhere or nothing at all.
    await element.locator("[part=launcher]").click({ timeout: 5_000 });
    await element.locator("[part=status]").getByText(notAllowedHere).waitFor({ timeout: 5_000 });
    expect(events.filter((e) => e.type === "ready")).toEqual([]);
    await context.close();
  });
});
