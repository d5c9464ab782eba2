import { expect, fixture, waitUntil } from "@open-wc/testing";
import { API, happyRoutes, problem, spyEvents, stubFetch } from "../../test/helpers";
import "./voice-agent";
import type { VoiceAgent } from "./voice-agent.component";

/**
 * When `GET /v1/widget/config` fails (issue #5: "from an origin not allowed, the widget shows
 * 'unavailable' and emits `voice-agent:error` with `origin_not_allowed`"), the floating widget
 * shows an "unavailable" launcher where the launcher would be, with the reason as its
 * description and tooltip, and a retry where retrying can help.
 */

let stub: ReturnType<typeof stubFetch> | null = null;
let events: ReturnType<typeof spyEvents>;
let warn: typeof console.warn;
beforeEach(() => {
  events = spyEvents();
  // Each failure is also one console line for the page's developer; keep the log quiet.
  warn = console.warn;
  console.warn = () => {};
});
afterEach(() => {
  console.warn = warn;
  stub?.restore();
  stub = null;
  events.stop();
});

const launcherOf = (el: VoiceAgent) =>
  el.shadowRoot?.querySelector<HTMLButtonElement>("[part~=launcher]") ?? null;

/** The launcher's description, as assistive technology reads it (`aria-describedby`). */
function description(el: VoiceAgent): string {
  const id = launcherOf(el)?.getAttribute("aria-describedby") ?? "";
  return el.shadowRoot?.getElementById(id)?.textContent ?? "";
}

const isVisible = (element: Element | null | undefined) => {
  const box = element?.getBoundingClientRect();
  return Boolean(box && box.width > 0 && box.height > 0 && element?.checkVisibility());
};

async function failing(config: () => Response | Promise<Response>, attrs = "") {
  stub = stubFetch({ ...happyRoutes(), "GET /v1/widget/config": config });
  const el = await fixture<VoiceAgent>(
    `<voice-agent agent="agt_1" key="pk_test_1" api="${API}" ${attrs}></voice-agent>`,
  );
  await waitUntil(() => events.of("error").length > 0, "error");
  await el.updateComplete;
  return el;
}

const offline = () => Promise.reject(new TypeError("Failed to fetch"));

const cases: Array<[code: string, respond: () => Response | Promise<Response>, reason: string]> = [
  [
    "origin_not_allowed",
    () => problem("origin_not_allowed", 403),
    "This assistant can't be used on this website.",
  ],
  [
    "invalid_key",
    () => problem("invalid_key", 401),
    "This assistant isn't set up correctly on this page.",
  ],
  ["agent_not_found", () => problem("agent_not_found", 404), "This assistant could not be found."],
  [
    "validation_failed",
    () => problem("validation_failed", 400),
    "This assistant isn't set up correctly on this page.",
  ],
  ["network", offline, "We couldn't reach the server. Check your connection and try again."],
  ["rate_limited", () => problem("rate_limited", 429), "Something went wrong. Please try again."],
];

describe("<voice-agent> when its config cannot load", () => {
  for (const [code, respond, reason] of cases) {
    const retry = code === "network" || code === "rate_limited";
    it(`shows "Voice assistant unavailable" for ${code}, says why, emits it once${retry ? ", retries" : ""}`, async () => {
      const el = await failing(respond);
      const launcher = launcherOf(el);
      expect(isVisible(launcher), "the unavailable launcher is on screen").to.equal(true);
      expect(launcher?.textContent).to.equal(
        retry ? "Voice assistant unavailable Try again" : "Voice assistant unavailable",
      );
      expect(launcher?.hasAttribute("aria-label")).to.equal(false);
      expect(launcher?.getAttribute("aria-disabled")).to.equal(retry ? null : "true");
      expect(launcher?.hasAttribute("aria-haspopup")).to.equal(false);
      expect(description(el)).to.equal(reason);
      const message = code === "network" ? "The server could not be reached." : `detail of ${code}`;
      expect(events.of("error").map((e) => e.detail)).to.deep.equal([{ code, message }]);
      expect(events.of("ready")).to.have.length(0);
      await expect(el).to.be.accessible();
      // Re-renders (here: a changed label) neither repeat the event nor lose the state.
      el.strings = { unavailable: "Assistant unavailable" };
      await el.updateComplete;
      expect(launcher?.textContent).to.contain("Assistant unavailable");
      expect(events.of("error")).to.have.length(1);
    });
  }

  it("shows the reason as a tooltip on hover and keyboard focus", async () => {
    const el = await failing(() => problem("origin_not_allowed", 403));
    const tip = el.shadowRoot?.querySelector("[role=tooltip]");
    expect(isVisible(tip)).to.equal(false);
    launcherOf(el)?.focus();
    expect(isVisible(tip)).to.equal(true);
    expect(tip?.textContent).to.equal("This assistant can't be used on this website.");
  });

  it("does nothing on click when retrying cannot help", async () => {
    const el = await failing(() => problem("origin_not_allowed", 403));
    launcherOf(el)?.click();
    launcherOf(el)?.dispatchEvent(new PointerEvent("pointerenter"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect(stub?.requests).to.have.length(1);
    expect(el.hasAttribute("open")).to.equal(false);
    expect(el.shadowRoot?.querySelector("[part=panel]")).to.equal(null);
  });

  it("loads the config again on click after a network error, keeping focus on the launcher", async () => {
    const el = await failing(offline);
    stub?.restore();
    stub = stubFetch(happyRoutes());
    const launcher = launcherOf(el);
    launcher?.focus();
    launcher?.click();
    await waitUntil(() => events.of("ready").length === 1, "ready after the retry");
    await el.updateComplete;
    expect(launcherOf(el)).to.equal(launcher);
    expect(el.shadowRoot?.activeElement).to.equal(launcher);
    expect(launcher?.getAttribute("aria-label")).to.equal("Talk to Ada");
    expect(launcher?.hasAttribute("aria-describedby")).to.equal(false);
    expect(el.shadowRoot?.querySelector("[role=tooltip]")).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it("speaks the visitor's language before the panel has loaded", async () => {
    const el = await failing(() => problem("origin_not_allowed", 403), 'lang="es"');
    expect(launcherOf(el)?.textContent).to.contain("Asistente de voz no disponible");
    expect(description(el)).to.equal("Este asistente no se puede usar en este sitio web.");
  });

  it("shows the reason in the panel instead in the inline variant", async () => {
    const el = await failing(() => problem("origin_not_allowed", 403), 'variant="inline"');
    await waitUntil(() => el.shadowRoot?.querySelector("[part=status]"), "inline panel");
    expect(launcherOf(el)).to.equal(null);
    expect(el.shadowRoot?.querySelector("[part=status]")?.textContent?.trim()).to.equal(
      "This assistant can't be used on this website.",
    );
    await expect(el).to.be.accessible();
  });
});
