// Gives the example pages real agent ids and a publishable key without hard-coding them: in
// demo mode the server publishes the quick start's agents and publishable key at
// /examples/demo.json. Only those public values are read here.

const statusBox = () => document.querySelector("[data-demo-status]");

function say(message, kind = "info") {
  const box = statusBox();
  if (!box) return;
  box.textContent = message;
  box.dataset.kind = kind;
}

const isAgent = (a) => a !== null && typeof a === "object" && typeof a.id === "string";

/**
 * Resolves to `{ agent, key, agentName, agents }` (the first agent, the key, and every demo
 * agent as `{ id, name }`), or null (with a message on the page) when absent.
 */
export async function loadDemo() {
  try {
    const response = await fetch("/examples/demo.json", { cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const demo = await response.json();
    const agents = Array.isArray(demo.agents) ? demo.agents.filter(isAgent) : [];
    const first = agents[0];
    if (typeof demo.publishableKey !== "string" || !first) {
      throw new Error("demo.json has no agent or publishable key");
    }
    say(`Demo agents: ${agents.map((a) => `“${a.name}” (${a.id})`).join(", ")}.`);
    return { agent: first.id, key: demo.publishableKey, agentName: first.name, agents };
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

/**
 * Fills `agent` and `key` on every `<voice-agent data-demo>`: `data-demo="1"` takes the demo's
 * second agent, an empty value the first. Each `agt_…` in a `[data-demo-snippet]` becomes the
 * next agent's id, in order, and the placeholder key and origin become the real ones.
 */
export async function fillDemoWidgets() {
  const demo = await loadDemo();
  if (!demo) return null;
  const pick = (index) => demo.agents[index] ?? demo.agents[0];
  for (const element of document.querySelectorAll("voice-agent[data-demo]")) {
    const agent = pick(Number.parseInt(element.dataset.demo || "0", 10) || 0);
    element.setAttribute("agent", agent.id);
    element.setAttribute("key", demo.key);
  }
  for (const snippet of document.querySelectorAll("[data-demo-snippet]")) {
    let next = 0;
    snippet.textContent = snippet.textContent
      .replace(/agt_…/g, () => pick(next++).id)
      .replaceAll("pk_live_…", demo.key)
      .replaceAll("https://api.example.com", location.origin);
  }
  return demo;
}
