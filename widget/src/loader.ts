import { adoptPrefetch } from "./api";
import type { ClientTools } from "./call/transport";
import { VoiceAgent as VoiceAgentElement } from "./components/voice-agent/voice-agent";
import type { Strings } from "./i18n";

/**
 * The script-tag entry (design §7): defines `<voice-agent>`, drains the pre-load queue and
 * nothing else. The panel loads on the first interaction, the call UI and the provider
 * clients on the first call (budgets in scripts/check-bundle.mjs).
 */

export interface InitOptions {
  agent: string;
  key: string;
  api?: string;
  variant?: "floating" | "inline" | "fullscreen";
  position?: "bottom-right" | "bottom-left" | "top-right" | "top-left";
  theme?: "light" | "dark" | "auto";
  lang?: string;
  transcript?: boolean;
  textInput?: boolean;
  mute?: boolean;
  metadata?: Record<string, unknown>;
  strings?: Partial<Strings>;
  clientTools?: ClientTools;
  /** Where to put the element; `document.body` when absent. */
  target?: Element | string;
}

/**
 * `["init", {...}]`, `["on", "end", handler]`, or a method name and its arguments; and the
 * bootstrap's own `["prefetch", url, response]` (a config request it started early).
 */
export type Command = readonly [string, ...unknown[]];

const TAG = "voice-agent";

// The API lives where this script was served from, unless the page says otherwise.
VoiceAgentElement.defaultApi = new URL(import.meta.url).origin;

function isInitOptions(value: unknown): value is InitOptions {
  return (
    typeof value === "object" &&
    value !== null &&
    "agent" in value &&
    typeof value.agent === "string" &&
    "key" in value &&
    typeof value.key === "string"
  );
}

/** Creates a `<voice-agent>` from options and puts it on the page. */
export function init(options: InitOptions): VoiceAgentElement {
  const element = document.createElement(TAG);
  const attributes: Record<string, string | boolean | undefined> = {
    agent: options.agent,
    key: options.key,
    api: options.api,
    variant: options.variant,
    position: options.position,
    theme: options.theme,
    lang: options.lang,
    transcript: options.transcript,
    "text-input": options.textInput,
    mute: options.mute,
  };
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, String(value));
  }
  if (options.metadata) element.metadata = options.metadata;
  if (options.strings) element.strings = options.strings;
  if (options.clientTools) element.clientTools = options.clientTools;
  const target =
    typeof options.target === "string" ? document.querySelector(options.target) : options.target;
  (target ?? document.body).append(element);
  return element;
}

const methods = ["start", "end", "open", "close", "setMuted", "sendText"] as const;
type Method = (typeof methods)[number];
const isMethod = (name: unknown): name is Method => methods.some((method) => method === name);

/** Runs one queued command; a bad command is reported, never thrown into the page. */
export function run(command: Command): void {
  try {
    const [name, ...args] = command;
    if (name === "init") {
      if (isInitOptions(args[0])) init(args[0]);
      else console.warn("[voice-agent] init needs { agent, key }");
    } else if (name === "prefetch") {
      const [url, response] = args;
      if (typeof url === "string" && response instanceof Promise) adoptPrefetch(url, response);
    } else if (name === "on") {
      const [event, handler] = args;
      if (typeof event === "string" && typeof handler === "function") {
        document.addEventListener(`voice-agent:${event}`, (e) => handler(e));
      }
    } else if (isMethod(name)) {
      for (const element of document.querySelectorAll(TAG)) {
        if (name === "setMuted") element.setMuted(Boolean(args[0]));
        else if (name === "sendText") element.sendText(String(args[0] ?? ""));
        else void element[name]();
      }
    } else {
      console.warn(`[voice-agent] unknown command ${String(name)}`);
    }
  } catch (error) {
    console.warn("[voice-agent] command failed", error);
  }
}

/** What `window.voiceAgent` becomes once the script has loaded: push runs at once. */
export interface VoiceAgentQueue {
  push(...commands: Command[]): number;
  init: typeof init;
}

declare global {
  interface Window {
    voiceAgent?: Command[] | VoiceAgentQueue;
  }
}

function isCommand(value: unknown): value is Command {
  return Array.isArray(value) && value.length > 0;
}

/** Replays what the page queued before the script arrived, then takes over the queue. */
export function drainQueue(): void {
  const queued = window.voiceAgent;
  const live: VoiceAgentQueue = {
    push: (...commands) => {
      for (const command of commands) if (isCommand(command)) run(command);
      return 0;
    },
    init,
  };
  window.voiceAgent = live;
  if (Array.isArray(queued)) for (const command of queued) if (isCommand(command)) run(command);
}

drainQueue();

/** `VoiceAgent.init({...})` for pages that import the module instead of queueing. */
export const VoiceAgent = { init, Element: VoiceAgentElement };
