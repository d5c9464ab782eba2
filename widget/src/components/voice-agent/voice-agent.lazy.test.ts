import { expect, fixture, waitUntil } from "@open-wc/testing";
import { API, happyRoutes, spyEvents, stubFetch } from "../../test/helpers";
import "./voice-agent";
import type { VoiceAgent } from "./voice-agent.component";

/**
 * What a page loads before the visitor interacts (issue #5): the launcher comes from the
 * config alone; the panel, the full catalogs and the call load on the first interaction.
 * The tests in this file run in order in one page, and a module once fetched stays in the
 * page's module map, so each one checks a chunk the earlier ones have not loaded yet.
 */

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
});

const part = (el: VoiceAgent, name: string) =>
  el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

/** Whether the page has fetched a source module whose path matches `path`. */
const fetched = (path: RegExp) =>
  performance.getEntriesByType("resource").some((entry) => path.test(new URL(entry.name).pathname));

const panelChunk = /\/components\/voice-agent\/panel\/index\.ts$/;
const spanish = /\/i18n\/es\.ts$/;
const callChunk = /\/call\/index\.ts$/;

async function widget(attrs = "") {
  stub = stubFetch(happyRoutes());
  const el = await fixture<VoiceAgent>(
    `<voice-agent agent="agt_1" key="pk_test_1" api="${API}" ${attrs}></voice-agent>`,
  );
  await waitUntil(() => events.of("ready").length > 0, "ready");
  await el.updateComplete;
  return el;
}

describe("<voice-agent> lazy loading", () => {
  it("draws the launcher without the panel chunk, fetches it on hover and opens on click", async () => {
    performance.setResourceTimingBufferSize(10_000);
    const el = await widget();
    const launcher = part(el, "launcher");
    expect(launcher?.getAttribute("aria-label")).to.equal("Talk to Ada");
    // Let anything the launcher might pull in arrive before looking.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fetched(panelChunk), "panel chunk before any interaction").to.equal(false);
    expect(fetched(callChunk), "call chunk before any interaction").to.equal(false);
    expect(fetched(spanish), "Spanish catalog for an English page").to.equal(false);

    launcher?.dispatchEvent(new PointerEvent("pointerenter"));
    await waitUntil(() => fetched(panelChunk), "panel chunk fetched on hover");
    expect(el.hasAttribute("open")).to.equal(false);
    expect(part(el, "panel")).to.equal(null);

    launcher?.click();
    await waitUntil(() => el.shadowRoot?.activeElement?.closest("[part=panel]"), "focus in panel");
    const panel = part(el, "panel");
    expect(panel?.getAttribute("role")).to.equal("dialog");
    expect(panel?.getAttribute("aria-modal")).to.equal("true");
    expect(launcher?.getAttribute("aria-expanded")).to.equal("true");
    expect(fetched(callChunk), "call chunk before a call").to.equal(false);
    expect(stub?.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).to.deep.equal([
      "GET /v1/widget/config",
    ]);
  });

  it("labels the launcher in Spanish up front and loads the Spanish catalog with the panel", async () => {
    const el = await widget('lang="es"');
    expect(part(el, "launcher")?.getAttribute("aria-label")).to.equal("Hablar con Ada");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fetched(spanish), "Spanish catalog before any interaction").to.equal(false);
    await el.open();
    expect(fetched(spanish)).to.equal(true);
    expect(part(el, "panel")?.getAttribute("aria-label")).to.equal("Chat de voz con Ada");
    expect(part(el, "call-button")?.textContent?.trim()).to.equal("Iniciar llamada");
  });

  it("shows the panel when the page sets the open attribute, without a click", async () => {
    const el = await widget("open");
    await waitUntil(() => part(el, "panel"), "panel drawn for open");
    expect(el.isOpen).to.equal(true);
    expect(part(el, "launcher")?.getAttribute("aria-expanded")).to.equal("true");
  });

  it("keeps the launcher in place (and focused) across re-renders", async () => {
    const el = await widget();
    const launcher = part(el, "launcher");
    launcher?.focus();
    el.strings = { launcherLabel: "Ask {name}" };
    await el.updateComplete;
    expect(part(el, "launcher")).to.equal(launcher);
    expect(el.shadowRoot?.activeElement).to.equal(launcher);
    expect(launcher?.getAttribute("aria-label")).to.equal("Ask Ada");
  });
});
