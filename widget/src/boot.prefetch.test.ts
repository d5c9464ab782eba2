import { expect, waitUntil } from "@open-wc/testing";
import { happyRoutes, stubFetch } from "./test/helpers";

/**
 * The bootstrap's early config request, in a file of its own: it needs a page where the
 * module entry has not loaded yet (a module runs once per page; boot.test.ts loads it too).
 */

/** The page is served from localhost; the widget "CDN" is the same server under another name. */
const widgetOrigin = `${location.protocol}//127.0.0.1:${location.port}`;

describe("voice-agent.js bootstrap, before the module arrives", () => {
  it("starts the config request of the elements already in the page before the module runs", async () => {
    const routes = happyRoutes();
    const asked: Array<{ url: string; defined: boolean }> = [];
    const stub = stubFetch({
      ...routes,
      "GET /v1/widget/config": (request) => {
        asked.push({ url: request.url, defined: customElements.get("voice-agent") !== undefined });
        return routes["GET /v1/widget/config"]?.(request) ?? new Response(null, { status: 500 });
      },
    });
    const element = document.createElement("voice-agent");
    element.setAttribute("agent", "agt_1");
    element.setAttribute("key", "pk_test_1");
    const ready: Event[] = [];
    element.addEventListener("voice-agent:ready", (event) => ready.push(event));
    document.body.append(element);
    try {
      window.voiceAgent = undefined;
      const script = document.createElement("script");
      script.src = `${widgetOrigin}/boot-under-test/voice-agent.js`;
      document.head.append(script);
      await waitUntil(() => ready.length === 1, "ready");
      // One request, started by the bootstrap, and the element's launcher drawn from it.
      expect(asked).to.deep.equal([
        { url: `${widgetOrigin}/v1/widget/config?agent=agt_1&key=pk_test_1`, defined: false },
      ]);
      expect(
        element.shadowRoot?.querySelector("[part=launcher]")?.getAttribute("aria-label"),
      ).to.equal("Talk to Ada");
    } finally {
      element.remove();
      stub.restore();
    }
  });
});
