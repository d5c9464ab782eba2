// Gives the example pages a real agent id and publishable key without hard-coding them: in
// demo mode the server publishes the quick start's agent and publishable key at
// /examples/demo.json. Only those two public values are read here.

const statusBox = () => document.querySelector("[data-demo-status]");

function say(message, kind = "info") {
  const box = statusBox();
  if (!box) return;
  box.textContent = message;
  box.dataset.kind = kind;
}

/** Resolves to `{ agent, key, agentName }`, or null (with a message on the page) when absent. */
export async function loadDemo() {
  try {
    const response = await fetch("/examples/demo.json", { cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const demo = await response.json();
    const first = Array.isArray(demo.agents) ? demo.agents[0] : null;
    if (typeof demo.publishableKey !== "string" || !first || typeof first.id !== "string") {
      throw new Error("demo.json has no agent or publishable key");
    }
    say(`Demo agent “${first.name}” (${first.id}).`);
    return { agent: first.id, key: demo.publishableKey, agentName: first.name };
  } catch {
    say(
      "No demo data found at /examples/demo.json. Start the server in demo mode " +
        "(npx -y pnpm@10 start) and reload, or put your own agent and key attributes on " +
        "<voice-agent> in this page.",
      "warning",
    );
    return null;
  }
}

/** Fills `agent` and `key` on every `<voice-agent data-demo>` and on every `[data-demo-snippet]`. */
export async function fillDemoWidgets() {
  const demo = await loadDemo();
  if (!demo) return null;
  for (const element of document.querySelectorAll("voice-agent[data-demo]")) {
    element.setAttribute("agent", demo.agent);
    element.setAttribute("key", demo.key);
  }
  for (const snippet of document.querySelectorAll("[data-demo-snippet]")) {
    snippet.textContent = snippet.textContent
      .replace("agt_…", demo.agent)
      .replace("pk_live_…", demo.key)
      .replace("https://api.example.com", location.origin);
  }
  return demo;
}
