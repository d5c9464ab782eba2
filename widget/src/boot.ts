import type { Command } from "./loader";

/**
 * The file the design's snippet loads: `<script src=".../voice-agent.js" async>`, a classic
 * script. It is built on its own as an IIFE (no `import`/`export`), so it only sets up the
 * pre-load queue and imports the real module entry from the folder it was served from;
 * that entry's lazy chunks and worklets then resolve beside it, and its `api` default is
 * this script's origin. Type-only imports vanish in the build.
 *
 * While the module entry downloads, it also starts `GET /v1/widget/config` for every
 * `<voice-agent>` already in the page, and hands each response to the module through the
 * queue (`["prefetch", url, response]`): the launcher then waits for one round trip, not two.
 */

const MODULE_ENTRY = "voice-agent.module.js";
const OWN_NAME = /\/voice-agent\.js(?:[?#]|$)/;

function ownUrl(): string | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current.src;
  // Loaded as a module (which has no currentScript): find our own tag instead.
  for (const script of document.querySelectorAll<HTMLScriptElement>("script[src]")) {
    if (OWN_NAME.test(script.src)) return script.src;
  }
  return null;
}

/**
 * The config URL the element will ask for (`fetchConfig` in api.ts builds the same one; a
 * different one only costs the saved round trip, as the module then fetches its own).
 */
function configUrl(element: Element, defaultApi: string): string | null {
  const agent = element.getAttribute("agent");
  const key = element.getAttribute("key");
  if (!agent || !key) return null;
  const api = (element.getAttribute("api") || defaultApi).replace(/\/+$/, "");
  return `${api}/v1/widget/config?${new URLSearchParams({ agent, key })}`;
}

function prefetchConfigs(queue: Command[], defaultApi: string) {
  for (const element of document.querySelectorAll("voice-agent")) {
    const url = configUrl(element, defaultApi);
    if (!url) continue;
    const response = fetch(url, { method: "GET", credentials: "omit" });
    // The module reports failures when it reads the response; not one more line here.
    response.catch(() => undefined);
    queue.push(["prefetch", url, response]);
  }
}

// Never throw into the host page: every failure is one console line.
try {
  const queued: Command[] = [];
  const queue = window.voiceAgent || queued;
  window.voiceAgent = queue;
  const src = ownUrl();
  if (src) {
    const entry = new URL(MODULE_ENTRY, src).href;
    import(entry).catch(() => console.warn(`[voice-agent] could not load ${entry}`));
    // Once the module runs (this script included twice) its elements ask for themselves.
    if (Array.isArray(queue)) prefetchConfigs(queue, new URL(src).origin);
  } else {
    console.warn("[voice-agent] could not tell where voice-agent.js was served from");
  }
} catch (error) {
  console.warn("[voice-agent] bootstrap failed", error);
}
