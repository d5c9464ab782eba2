import { expect, fixture, waitUntil } from "@open-wc/testing";
import {
  API,
  fakeCall,
  happyRoutes,
  problem,
  setViewport,
  spyEvents,
  stubFetch,
  widgetConfig,
} from "../../test/helpers";
import "./voice-agent";
import type { VoiceAgent } from "./voice-agent.component";

let stub: ReturnType<typeof stubFetch> | null = null;
let events: ReturnType<typeof spyEvents>;
beforeEach(() => {
  localStorage.clear();
  events = spyEvents();
});
afterEach(() => {
  stub?.restore();
  stub = null;
  events.stop();
  document.documentElement.lang = "";
});

const part = (el: VoiceAgent, name: string) =>
  el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
const text = (el: VoiceAgent, name: string) =>
  part(el, name)?.textContent?.replace(/\s+/g, " ").trim() ?? "";

async function widget(routes = happyRoutes(), attrs = "") {
  stub = stubFetch(routes);
  const el = await fixture<VoiceAgent>(
    `<voice-agent agent="agt_1" key="pk_test_1" api="${API}" ${attrs}></voice-agent>`,
  );
  await waitUntil(() => events.seen.length > 0, "ready or error");
  await el.updateComplete;
  return el;
}

const nextOpenAt = "2030-01-07T08:00:00.000Z";

describe("<voice-agent> states", () => {
  it("shows the offline state with the next opening in the visitor's time zone", async () => {
    const el = await widget(happyRoutes(widgetConfig({ open: false, nextOpenAt })));
    await el.open();
    const when = new Intl.DateTimeFormat("en", {
      weekday: "long",
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
    }).format(new Date(nextOpenAt));
    expect(text(el, "status")).to.equal(`We're away right now. We'll be back ${when}.`);
    await expect(el).to.be.accessible();
  });

  it("turns 409 agent_offline from the session request into the offline state", async () => {
    const routes = {
      ...happyRoutes(),
      "POST /v1/widget/sessions": () => problem("agent_offline", 409, { nextOpenAt }),
    };
    const el = await widget(routes);
    await el.start();
    await el.updateComplete;
    expect(text(el, "status")).to.contain("We'll be back");
    expect(events.of("error")[0]?.detail.code).to.equal("agent_offline");
  });

  const sentences: Array<[string, number, string, boolean]> = [
    ["invalid_key", 401, "This assistant isn't set up correctly on this page.", false],
    ["origin_not_allowed", 403, "This assistant can't be used on this website.", false],
    ["agent_not_found", 404, "This assistant could not be found.", false],
    ["too_many_sessions", 429, "All our lines are busy. Please try again in a moment.", true],
    ["rate_limited", 429, "Too many attempts. Please wait a moment and try again.", true],
    [
      "provider_unavailable",
      503,
      "The voice service is having trouble. Please try again shortly.",
      true,
    ],
    ["token_expired", 401, "The connection took too long. Please try again.", true],
    ["token_used", 409, "This call was already started. Please try again.", true],
    [
      "upgrade_required",
      402,
      "This assistant is unavailable right now. Please try again later.",
      false,
    ],
    [
      "quota_exceeded",
      429,
      "This assistant is unavailable right now. Please try again later.",
      false,
    ],
    ["internal_error", 500, "Something went wrong. Please try again.", true],
  ];
  for (const [code, status, sentence, retry] of sentences) {
    it(`says "${sentence}" for ${code}${retry ? " with a retry" : ""}`, async () => {
      const routes = { ...happyRoutes(), "POST /v1/widget/sessions": () => problem(code, status) };
      const el = await widget(routes);
      const warned: string[] = [];
      const warn = console.warn;
      console.warn = (message: string) => warned.push(message);
      try {
        await el.start();
      } finally {
        console.warn = warn;
      }
      await el.updateComplete;
      expect(text(el, "status")).to.equal(sentence);
      expect(events.of("error")[0]?.detail).to.deep.equal({ code, message: `detail of ${code}` });
      expect(warned.join()).to.contain(code);
      const retryButton = el.shadowRoot?.querySelector(".status + .actions button");
      expect(Boolean(retryButton)).to.equal(retry);
    });
  }

  it("reports a failed config load and offers a retry on network errors", async () => {
    let calls = 0;
    const el = await widget({
      "GET /v1/widget/config": () => {
        calls++;
        if (calls === 1) throw new TypeError("Failed to fetch");
        return new Response(JSON.stringify(widgetConfig()), { status: 200 });
      },
    });
    expect(events.of("error")[0]?.detail.code).to.equal("network");
    await el.open();
    expect(text(el, "status")).to.contain("couldn't reach the server");
    await expect(el).to.be.accessible();
    (el.shadowRoot?.querySelector(".status + .actions button") as HTMLElement | null)?.click();
    await waitUntil(() => events.of("ready").length === 1, "ready after retry");
  });

  it("passes axe when idle and open", async () => {
    const el = await widget();
    await expect(el).to.be.accessible();
    await el.open();
    await expect(el).to.be.accessible();
  });
});

const press = (el: VoiceAgent, key: string, shiftKey = false) => {
  const target = el.shadowRoot?.activeElement ?? el;
  const event = new KeyboardEvent("keydown", {
    key,
    shiftKey,
    bubbles: true,
    composed: true,
    cancelable: true,
  });
  target.dispatchEvent(event);
  return event;
};

describe("<voice-agent> keyboard", () => {
  it("opens from the launcher, closes on Escape and gives focus back to the launcher", async () => {
    const el = await widget();
    part(el, "launcher")?.click();
    await waitUntil(() => el.shadowRoot?.activeElement?.closest("[part=panel]"), "focus in panel");
    expect(part(el, "launcher")?.getAttribute("aria-expanded")).to.equal("true");
    press(el, "Escape");
    await waitUntil(() => !el.hasAttribute("open"), "closed");
    await el.updateComplete;
    expect(el.shadowRoot?.activeElement).to.equal(part(el, "launcher"));
  });

  it("moves focus to Start call when the call ends, so Escape still closes the panel", async () => {
    const el = await widget();
    el.callDeps = fakeCall().deps;
    await el.start();
    await waitUntil(() => events.of("connect").length === 1, "connect");
    await el.updateComplete;
    const endCall = part(el, "call-button");
    expect(endCall?.textContent?.trim()).to.equal("End call");
    endCall?.focus();
    endCall?.click();
    await waitUntil(() => events.of("end").length === 1, "end");
    await el.updateComplete;
    const focused = el.shadowRoot?.activeElement;
    expect(focused?.textContent?.trim()).to.equal("Start call");
    expect(focused?.closest("[part=panel]")).to.exist;
    press(el, "Escape");
    await waitUntil(() => !el.hasAttribute("open"), "closed by Escape");
    await el.updateComplete;
    expect(el.shadowRoot?.activeElement).to.equal(part(el, "launcher"));
  });

  it("keeps focus in the panel when a call fails, on Try again", async () => {
    const routes = {
      ...happyRoutes(),
      "POST /v1/widget/sessions/ses_1/connect": () => problem("provider_unavailable", 503),
    };
    const el = await widget(routes);
    el.callDeps = fakeCall().deps;
    await el.open();
    const start = part(el, "call-button");
    start?.focus();
    start?.click();
    await waitUntil(() => events.of("error").length === 1, "error");
    await el.updateComplete;
    expect(el.shadowRoot?.activeElement?.textContent?.trim()).to.equal("Try again");
  });

  it("wraps Tab focus around inside the open panel", async () => {
    const el = await widget();
    await el.open();
    const buttons = [...(part(el, "panel")?.querySelectorAll("button") ?? [])];
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    last?.focus();
    expect(press(el, "Tab").defaultPrevented).to.equal(true);
    expect(el.shadowRoot?.activeElement).to.equal(first);
    expect(press(el, "Tab", true).defaultPrevented).to.equal(true);
    expect(el.shadowRoot?.activeElement).to.equal(last);
  });
});

describe("<voice-agent> theming and isolation", () => {
  it("uses the server theme, and a page custom property overrides it", async () => {
    const config = widgetConfig({ theme: { primary: "rgb(1, 2, 3)", radius: "4px" } });
    const el = await widget(happyRoutes(config));
    expect(getComputedStyle(part(el, "launcher") as Element).backgroundColor).to.equal(
      "rgb(1, 2, 3)",
    );
    el.style.setProperty("--voice-agent-primary", "rgb(9, 8, 7)");
    expect(getComputedStyle(part(el, "launcher") as Element).backgroundColor).to.equal(
      "rgb(9, 8, 7)",
    );
    await el.open();
    expect(getComputedStyle(part(el, "panel") as Element).borderTopLeftRadius).to.equal("4px");
  });

  it("ignores a server theme value that could break out of its rule", async () => {
    const config = widgetConfig({ theme: { primary: "red; } * { display: none" } });
    const el = await widget(happyRoutes(config));
    expect(getComputedStyle(part(el, "launcher") as Element).backgroundColor).to.equal(
      "rgb(67, 56, 202)",
    );
  });

  it("exposes parts to the page's ::part() rules", async () => {
    const style = document.createElement("style");
    style.textContent = "voice-agent::part(launcher) { border-top-width: 7px; }";
    document.head.append(style);
    try {
      const el = await widget();
      expect(getComputedStyle(part(el, "launcher") as Element).borderTopWidth).to.equal("7px");
      await el.open();
      for (const name of ["panel", "header", "status", "call-button", "powered-by"]) {
        expect(part(el, name), name).to.exist;
      }
    } finally {
      style.remove();
    }
  });

  it("is not restyled by the page's global CSS", async () => {
    const style = document.createElement("style");
    style.textContent = "button { background: rgb(255, 0, 0) !important; font-size: 40px; }";
    document.head.append(style);
    try {
      const el = await widget();
      const launcher = getComputedStyle(part(el, "launcher") as Element);
      expect(launcher.backgroundColor).to.not.equal("rgb(255, 0, 0)");
      expect(launcher.fontSize).to.not.equal("40px");
    } finally {
      style.remove();
    }
  });
});

describe("<voice-agent> i18n", () => {
  it("speaks Spanish with lang=es", async () => {
    const el = await widget(happyRoutes(), 'lang="es"');
    expect(part(el, "launcher")?.getAttribute("aria-label")).to.equal("Hablar con Ada");
  });

  it("follows the page language with lang=auto", async () => {
    document.documentElement.lang = "es-MX";
    const el = await widget(happyRoutes(), 'lang="auto"');
    expect(part(el, "launcher")?.getAttribute("aria-label")).to.equal("Hablar con Ada");
  });

  it("lets the page override any sentence through strings", async () => {
    const el = await widget();
    el.strings = { launcherLabel: "Chat with {name} now" };
    await el.updateComplete;
    expect(part(el, "launcher")?.getAttribute("aria-label")).to.equal("Chat with Ada now");
  });
});

describe("<voice-agent> on a page", () => {
  it("runs two widgets independently", async () => {
    stub = stubFetch({
      ...happyRoutes(),
      "GET /v1/widget/config": (request) =>
        new URL(request.url).searchParams.get("agent") === "agt_2"
          ? problem("agent_not_found", 404)
          : new Response(JSON.stringify(widgetConfig())),
    });
    const host = await fixture<HTMLDivElement>(
      `<div><voice-agent agent="agt_1" key="pk" api="${API}"></voice-agent>
        <voice-agent agent="agt_2" key="pk" api="${API}"></voice-agent></div>`,
    );
    const [one, two] = [...host.querySelectorAll("voice-agent")];
    if (!one || !two) throw new Error("two widgets expected");
    await waitUntil(() => events.seen.length === 2, "both settled");
    await one.open();
    expect(one.hasAttribute("open")).to.equal(true);
    expect(two.hasAttribute("open")).to.equal(false);
    expect(part(one, "launcher")).to.exist;
    expect(part(two, "launcher")?.getAttribute("aria-disabled")).to.equal("true");
    expect(events.of("error")[0]?.target).to.equal(two);
  });

  it("draws an open full-screen panel on a phone above the other widgets' launchers", async () => {
    stub = stubFetch(happyRoutes());
    const host = await fixture<HTMLDivElement>(
      `<div><voice-agent agent="agt_1" key="pk" api="${API}"></voice-agent>
        <voice-agent agent="agt_2" key="pk" api="${API}" position="bottom-left"></voice-agent>
        <voice-agent agent="agt_3" key="pk" api="${API}"></voice-agent></div>`,
    );
    const [one, two, three] = [...host.querySelectorAll("voice-agent")];
    if (!one || !two || !three) throw new Error("three widgets expected");
    await waitUntil(() => events.of("ready").length === 3, "all ready");
    const before = { width: innerWidth, height: innerHeight };
    await setViewport(375, 667);
    try {
      /** Which widget a visitor's tap at the centre of `el`'s launcher lands on. */
      const tapOn = (el: VoiceAgent) => {
        const box = part(el, "launcher")?.getBoundingClientRect();
        if (!box?.width) throw new Error("the launcher is not on screen");
        const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        return hit?.getAttribute("agent");
      };
      // Closed, every launcher takes its own taps; agt_3's, later in the page, sits on agt_1's.
      expect(tapOn(two)).to.equal("agt_2");
      expect(tapOn(three)).to.equal("agt_3");
      await one.open();
      await one.updateComplete;
      const panel = part(one, "panel")?.getBoundingClientRect();
      expect([panel?.width, panel?.height]).to.deep.equal([375, 667]);
      expect(tapOn(two)).to.equal("agt_1");
      expect(tapOn(three)).to.equal("agt_1");
      await one.close();
      expect(tapOn(three)).to.equal("agt_3");
    } finally {
      await setViewport(before.width, before.height);
    }
  });
});
