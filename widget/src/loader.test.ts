import { expect, waitUntil } from "@open-wc/testing";
import { API, happyRoutes, stubFetch } from "./test/helpers";

describe("loader", () => {
  it("drains the pre-load queue and keeps taking commands afterwards", async () => {
    const stub = stubFetch(happyRoutes());
    const opened: Event[] = [];
    try {
      window.voiceAgent = [
        ["init", { agent: "agt_1", key: "pk_test_1", api: API, lang: "es" }],
        ["on", "ready", (event: Event) => opened.push(event)],
      ];
      const loader = await import("./loader");
      const element = document.querySelector("voice-agent");
      expect(element?.getAttribute("agent")).to.equal("agt_1");
      await waitUntil(() => opened.length === 1, "ready through the queued listener");
      expect(customElements.get("voice-agent")).to.exist;
      expect(typeof loader.VoiceAgent.init).to.equal("function");
      const queue = window.voiceAgent;
      if (!queue || !("init" in queue)) throw new Error("the queue was not replaced");
      queue.push(["open"]);
      await waitUntil(() => element?.hasAttribute("open") === true, "opened by a live command");
      element?.remove();
    } finally {
      stub.restore();
    }
  });
});
