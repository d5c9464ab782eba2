import type { VoiceAgentEventMap } from "@parley/types";

export type { VoiceAgentEventMap };
export type VoiceAgentEventName = keyof VoiceAgentEventMap;

/** `voice-agent:<name>` events, typed for `addEventListener` on any element or the document. */
export type VoiceAgentEvents = {
  [K in VoiceAgentEventName as `voice-agent:${K}`]: CustomEvent<VoiceAgentEventMap[K]>;
};

declare global {
  interface HTMLElementEventMap extends VoiceAgentEvents {}
  interface DocumentEventMap extends VoiceAgentEvents {}
}

/** The one way the widget tells the page something: bubbling, composed, typed. */
export function emit<K extends VoiceAgentEventName>(
  target: EventTarget,
  name: K,
  detail: VoiceAgentEventMap[K],
): void {
  target.dispatchEvent(
    new CustomEvent(`voice-agent:${name}`, { detail, bubbles: true, composed: true }),
  );
}
