import type { Command } from "./loader";

/**
 * The file the design's snippet loads: `<script src=".../voice-agent.js" async>`, a classic
 * script. It is built on its own as an IIFE (no `import`/`export`), so it only sets up the
 * pre-load queue and imports the real module entry from the folder it was served from;
 * that entry's lazy chunks and worklets then resolve beside it, and its `api` default is
 * this script's origin. Type-only imports vanish in the build.
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

// Never throw into the host page: every failure is one console line.
try {
  const queued: Command[] = [];
  window.voiceAgent = window.voiceAgent || queued;
  const src = ownUrl();
  if (src) {
    const entry = new URL(MODULE_ENTRY, src).href;
    import(entry).catch(() => console.warn(`[voice-agent] could not load ${entry}`));
  } else {
    console.warn("[voice-agent] could not tell where voice-agent.js was served from");
  }
} catch (error) {
  console.warn("[voice-agent] bootstrap failed", error);
}
