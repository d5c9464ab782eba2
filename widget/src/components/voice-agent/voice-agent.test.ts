import { expect, fixture, waitUntil } from "@open-wc/testing";
import {
  API,
  fakeCall,
  happyRoutes,
  json,
  spyEvents,
  stubFetch,
  widgetConfig,
} from "../../test/helpers";
import "./voice-agent";
import type { VoiceAgent } from "./voice-agent.component";

type Stub = ReturnType<typeof stubFetch>;
let stub: Stub | null = null;
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

describe("<voice-agent> launcher", () => {
  it("renders the launcher from the config without asking for the microphone", async () => {
    let asked = 0;
    const original = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = async () => {
      asked++;
      return new MediaStream();
    };
    try {
      const el = await widget();
      expect(part(el, "launcher")).to.exist;
      expect(part(el, "launcher")?.getAttribute("aria-label")).to.equal("Talk to Ada");
      expect(asked).to.equal(0);
      expect(stub?.requests.map((r) => `${r.method} ${r.url}`)).to.deep.equal([
        `GET ${API}/v1/widget/config?agent=agt_1&key=pk_test_1`,
      ]);
      const [ready] = events.of("ready");
      expect(ready?.detail).to.deep.equal({ agent: "agt_1" });
      expect(ready?.bubbles && ready.composed).to.equal(true);
    } finally {
      navigator.mediaDevices.getUserMedia = original;
    }
  });

  it("reflects variant, position, theme and open; open() and close() toggle the dialog", async () => {
    const el = await widget(happyRoutes(), 'position="top-left" theme="dark"');
    expect(el.getAttribute("variant")).to.equal("floating");
    expect(el.getAttribute("position")).to.equal("top-left");
    expect(el.hasAttribute("open")).to.equal(false);
    await el.open();
    expect(el.hasAttribute("open")).to.equal(true);
    expect(part(el, "panel")?.getAttribute("role")).to.equal("dialog");
    expect(part(el, "panel")?.getAttribute("aria-label")).to.equal("Voice chat with Ada");
    await el.close();
    expect(el.hasAttribute("open")).to.equal(false);
    expect(part(el, "panel")).to.equal(null);
  });

  it("shows the panel in place without a launcher in the inline variant", async () => {
    const el = await widget(happyRoutes(), 'variant="inline"');
    // The panel is its own chunk, loaded at once for the inline variant (there is no launcher).
    await waitUntil(() => part(el, "panel"), "inline panel");
    expect(part(el, "launcher")).to.equal(null);
    expect(part(el, "panel")?.getAttribute("role")).to.equal("region");
    expect(part(el, "call-button")).to.exist;
  });

  it("hides powered-by when the brand says so, and features turned off by attribute", async () => {
    const config = widgetConfig({ brand: { name: "R", logoUrl: null, hidePoweredBy: true } });
    const el = await widget(happyRoutes(config), 'transcript="false"');
    await el.open();
    expect(part(el, "powered-by")).to.equal(null);
    expect(el.transcript).to.equal(false);
  });
});

describe("<voice-agent> call", () => {
  async function inCall(attrs = "", routes = happyRoutes()) {
    const el = await widget(routes, attrs);
    const call = fakeCall();
    el.callDeps = call.deps;
    el.metadata = { firstName: "Ana" };
    await el.start();
    await waitUntil(() => events.of("connect").length === 1, "connect");
    await el.updateComplete;
    return { el, call };
  }

  it("issues a session, connects and fires start and connect with their details", async () => {
    const { el } = await inCall();
    const [create, connect] = stub?.requests.slice(1) ?? [];
    expect(create?.url).to.equal(`${API}/v1/widget/sessions`);
    expect(create?.headers.authorization).to.equal("Bearer pk_test_1");
    expect(create?.body).to.deep.equal({ agent: "agt_1", metadata: { firstName: "Ana" } });
    expect(connect?.url).to.equal(`${API}/v1/widget/sessions/ses_1/connect`);
    expect(connect?.headers.authorization).to.equal("Bearer tok_1");
    expect(events.of("start")[0]?.detail).to.deep.equal({ agent: "agt_1" });
    const connected = events.of("connect")[0];
    expect(connected?.detail).to.deep.equal({
      sessionId: "ses_1",
      provider: "elevenlabs",
      fallbackFrom: null,
    });
    expect(connected?.bubbles && connected.composed).to.equal(true);
    expect(text(el, "status")).to.equal("Listening…");
  });

  it("shows agent and typed messages in the aria-live transcript and fires message", async () => {
    const { el, call } = await inCall();
    call.agentSays("Hello there");
    el.sendText("  I need help  ");
    await el.updateComplete;
    const log = part(el, "transcript");
    expect(log?.getAttribute("role")).to.equal("log");
    expect(log?.getAttribute("aria-live")).to.equal("polite");
    const lines = [...(el.shadowRoot?.querySelectorAll("[part=message]") ?? [])];
    expect(lines.map((l) => l.textContent?.replace(/\s+/g, " ").trim())).to.deep.equal([
      "Ada: Hello there",
      "You: I need help",
    ]);
    expect(call.sent).to.deep.equal(["I need help"]);
    expect(events.of("message").map((e) => e.detail)).to.deep.equal([
      { role: "agent", text: "Hello there" },
      { role: "user", text: "I need help" },
    ]);
  });

  it("sends what the visitor types in the input", async () => {
    const { el, call } = await inCall();
    const input = part(el, "input");
    if (!(input instanceof HTMLInputElement)) throw new Error("no input");
    input.value = "typed";
    input.form?.requestSubmit();
    expect(call.sent).to.deep.equal(["typed"]);
  });

  it("fires mode when the agent speaks and listens", async () => {
    const { el, call } = await inCall();
    call.mode("speaking");
    await el.updateComplete;
    expect(text(el, "status")).to.equal("Ada is speaking…");
    call.mode("listening");
    expect(events.of("mode").map((e) => e.detail)).to.deep.equal([
      { mode: "speaking" },
      { mode: "listening" },
    ]);
  });

  it("shows the provider's latest mode once connected, and fires connect before any mode", async () => {
    const el = await widget();
    el.callDeps = fakeCall({ modesBeforeConnect: ["speaking"] }).deps;
    await el.start();
    await waitUntil(() => events.of("connect").length === 1, "connect");
    await el.updateComplete;
    expect(text(el, "status")).to.equal("Ada is speaking…");
    expect(el.shadowRoot?.querySelector(".orb")?.classList.contains("listening")).to.equal(false);
    const calls = events.seen.filter((e) => e.type !== "voice-agent:ready");
    expect(calls.map((e) => [e.type, e.detail])).to.deep.equal([
      ["voice-agent:start", { agent: "agt_1" }],
      ["voice-agent:connect", { sessionId: "ses_1", provider: "elevenlabs", fallbackFrom: null }],
      ["voice-agent:mode", { mode: "speaking" }],
    ]);
  });

  it("reports no mode when the provider is back to listening by the time it connects", async () => {
    const el = await widget();
    el.callDeps = fakeCall({ modesBeforeConnect: ["speaking", "listening"] }).deps;
    await el.start();
    await waitUntil(() => events.of("connect").length === 1, "connect");
    await el.updateComplete;
    expect(text(el, "status")).to.equal("Listening…");
    expect(events.of("mode")).to.have.length(0);
  });

  it("mutes with aria-pressed through the button and setMuted()", async () => {
    const { el, call } = await inCall();
    const mute = part(el, "mute-button");
    expect(mute?.getAttribute("aria-pressed")).to.equal("false");
    mute?.click();
    await el.updateComplete;
    expect(mute?.getAttribute("aria-pressed")).to.equal("true");
    el.setMuted(false);
    await el.updateComplete;
    expect(mute?.getAttribute("aria-pressed")).to.equal("false");
    expect(call.muted).to.deep.equal([true, false]);
  });

  it("sends heartbeats every 15 s and ends gracefully when the server says stop", async () => {
    let beats = 0;
    const routes = {
      ...happyRoutes(),
      "POST /v1/widget/sessions/ses_1/heartbeat": () => json({ continue: ++beats < 2 }),
    };
    const { call } = await inCall("", routes);
    call.advance(14_999);
    expect(beats).to.equal(0);
    call.advance(1);
    await waitUntil(() => beats === 1);
    call.advance(15_000);
    await waitUntil(() => events.of("end").length === 1, "end");
    const ends = stub?.requests.filter(
      (r) => r.url.endsWith("/end") && (r.body as { reason?: string }).reason === "agent_ended",
    );
    expect(ends).to.have.length(1);
    const end = ends?.[0];
    expect(end?.headers.authorization).to.equal("Bearer tok_1");
    expect(end?.body).to.deep.equal({ durationSeconds: 30, reason: "agent_ended" });
    expect(events.of("end")[0]?.detail).to.deep.equal({
      durationSeconds: 30,
      reason: "agent_ended",
    });
    expect(call.closed).to.equal(true);
  });

  it("warns 30 s before the maximum duration and ends the call at it", async () => {
    const { el, call } = await inCall();
    call.advance(89_000);
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector(".warning")).to.equal(null);
    call.advance(1_000);
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector(".warning")?.textContent).to.contain("30 seconds");
    call.advance(30_000);
    await waitUntil(() => events.of("end").length === 1, "end");
    expect(events.of("end")[0]?.detail).to.deep.equal({
      durationSeconds: 120,
      reason: "max_duration",
    });
  });

  it("end() hangs up, posts the duration and shows the ended state with the timer", async () => {
    const { el, call } = await inCall();
    call.advance(5_000);
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector(".timer")?.textContent?.trim()).to.equal("0:05");
    await el.end();
    await el.updateComplete;
    expect(events.of("end")[0]?.detail).to.deep.equal({ durationSeconds: 5, reason: "user_ended" });
    expect(text(el, "status")).to.equal("The call has ended. Thank you!");
  });

  it("ends the call on pagehide with page_hidden, sending /end with keepalive at once", async () => {
    const { call } = await inCall();
    call.advance(7_000);
    window.dispatchEvent(new PageTransitionEvent("pagehide", { persisted: false }));
    // Still inside the event: the request must have left before the page goes away.
    const ends = stub?.requests.filter((r) => r.url.endsWith("/end")) ?? [];
    expect(ends.map((r) => [r.body, r.keepalive])).to.deep.equal([
      [{ durationSeconds: 7, reason: "page_hidden" }, true],
    ]);
    await waitUntil(() => events.of("end").length === 1, "end");
    expect(events.of("end")[0]?.detail).to.deep.equal({
      durationSeconds: 7,
      reason: "page_hidden",
    });
    expect(call.closed).to.equal(true);
  });

  it("ends the call with page_hidden when the element is removed", async () => {
    const { el, call } = await inCall();
    const ended: Event[] = [];
    el.addEventListener("voice-agent:end", (event) => ended.push(event));
    el.remove();
    await waitUntil(() => ended.length === 1, "end on the removed element");
    expect(call.closed).to.equal(true);
    // Removed elements stop listening: a later pagehide sends nothing more.
    window.dispatchEvent(new PageTransitionEvent("pagehide"));
    const ends = stub?.requests.filter((r) => r.url.endsWith("/end")) ?? [];
    expect(ends.map((r) => r.body)).to.deep.equal([{ durationSeconds: 0, reason: "page_hidden" }]);
  });

  it("ends when the agent hangs up", async () => {
    const { call } = await inCall();
    call.hangUp();
    await waitUntil(() => events.of("end").length === 1, "end");
    expect(events.of("end")[0]?.detail.reason).to.equal("agent_ended");
  });

  it("falls back to text mode when the microphone is denied and typing is allowed", async () => {
    const el = await widget();
    const call = fakeCall();
    el.callDeps = {
      ...call.deps,
      getUserMedia: () => Promise.reject(new DOMException("denied", "NotAllowedError")),
    };
    await el.start();
    await waitUntil(() => events.of("connect").length === 1, "connect");
    await el.updateComplete;
    expect(text(el, "status")).to.equal(
      "The microphone is unavailable, but you can type your messages.",
    );
    expect(part(el, "input")).to.exist;
    expect(part(el, "mute-button")).to.equal(null);
  });

  it("shows the microphone error with a retry when typing is not allowed", async () => {
    const config = widgetConfig({ features: { textInput: false, transcript: true, mute: true } });
    const el = await widget(happyRoutes(config));
    el.callDeps = {
      ...fakeCall().deps,
      getUserMedia: () => Promise.reject(new DOMException("denied", "NotAllowedError")),
    };
    await el.start();
    await waitUntil(() => events.of("error").length === 1, "error");
    await el.updateComplete;
    expect(events.of("error")[0]?.detail.code).to.equal("microphone_denied");
    expect(text(el, "status")).to.contain("We need your microphone");
    expect(el.shadowRoot?.querySelector(".status + .actions button")).to.exist;
  });
});

describe("<voice-agent> consent", () => {
  it("asks for consent before the first call and remembers it per agent", async () => {
    const config = widgetConfig({ consentText: "Calls are recorded." });
    const el = await widget(happyRoutes(config));
    el.callDeps = fakeCall().deps;
    await el.start();
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector(".consent")?.textContent).to.equal("Calls are recorded.");
    expect(events.of("start")).to.have.length(0);
    part(el, "call-button")?.click();
    await waitUntil(() => events.of("connect").length === 1, "connect");
    expect(localStorage.getItem("voice-agent:consent:agt_1")).to.equal("1");

    const again = await widget(happyRoutes(config));
    again.callDeps = fakeCall().deps;
    await again.start();
    await waitUntil(() => events.of("connect").length === 2, "second connect");
  });
});
