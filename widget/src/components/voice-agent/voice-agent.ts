import { VoiceAgent } from "./voice-agent.component";

export { VoiceAgent };

declare global {
  interface HTMLElementTagNameMap {
    "voice-agent": VoiceAgent;
  }
}

/**
 * Registers the element under `tag`. Safe to call twice (two script tags, or a page that
 * bundles the widget too); a reseller may add another tag name, which gets a subclass
 * because one class can only be defined once.
 */
export function defineVoiceAgent(tag = "voice-agent"): void {
  if (customElements.get(tag)) return;
  const taken = customElements.getName?.(VoiceAgent);
  customElements.define(tag, taken ? class extends VoiceAgent {} : VoiceAgent);
}

defineVoiceAgent();
