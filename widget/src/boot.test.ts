import { expect, waitUntil } from "@open-wc/testing";
import type { Command } from "./loader";
import { happyRoutes, stubFetch } from "./test/helpers";

/** The page is served from localhost; the widget "CDN" is the same server under another name. */
const widgetOrigin = `${location.protocol}//127.0.0.1:${location.port}`;

function classicScript(src: string): Promise<HTMLScriptElement> {
  const script = document.createElement("script");
  script.src = src;
  script.async = true;
  const loaded = new Promise<HTMLScriptElement>((resolve, reject) => {
    script.addEventListener("load", () => resolve(script));
    script.addEventListener("error", () => reject(new Error(`${src} did not load`)));
  });
  document.head.append(script);
  return loaded;
}

describe("voice-agent.js bootstrap", () => {
  it("runs as a classic async script, keeps the queue and imports the module entry beside it", async () => {
    const stub = stubFetch(happyRoutes());
    const ready: Event[] = [];
    try {
      const queued: Command[] = [["on", "ready", (event: Event) => ready.push(event)]];
      window.voiceAgent = queued;
      const script = await classicScript(`${widgetOrigin}/boot-under-test/voice-agent.js`);
      expect(script.type).to.equal("");
      // Commands pushed after the bootstrap but before the module still run.
      window.voiceAgent?.push(["init", { agent: "agt_1", key: "pk_test_1" }]);
      await waitUntil(() => ready.length === 1, "ready through the queue");
      const element = document.querySelector("voice-agent");
      expect(element?.shadowRoot?.querySelector("[part=launcher]")).to.exist;
      // No api attribute: the API is the origin the script came from, not the page's.
      expect(stub.requests[0]?.url).to.equal(
        `${widgetOrigin}/v1/widget/config?agent=agt_1&key=pk_test_1`,
      );
      const fetched = performance.getEntriesByType("resource").map((entry) => entry.name);
      expect(fetched).to.include(`${widgetOrigin}/boot-under-test/voice-agent.module.js`);
      element?.remove();
    } finally {
      stub.restore();
    }
  });

  it("creates the queue when the page did not, and never throws into the page", async () => {
    window.voiceAgent = undefined;
    const errors: ErrorEvent[] = [];
    const onError = (event: ErrorEvent) => errors.push(event);
    window.addEventListener("error", onError);
    try {
      await classicScript(`${widgetOrigin}/boot-under-test/voice-agent.js`);
      expect(window.voiceAgent).to.exist;
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener("error", onError);
    }
  });
});
