/** Escapes a value for a double-quoted HTML attribute. */
export function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** The two lines a partner pastes into their page (design §7). */
export function embedSnippet(origin: string, agentId: string, publishableKey: string): string {
  const src = `${origin.replace(/\/+$/, "")}/widget/v1/voice-agent.js`;
  return (
    `<script src="${escapeAttribute(src)}" async></script>\n` +
    `<voice-agent agent="${escapeAttribute(agentId)}" key="${escapeAttribute(publishableKey)}"></voice-agent>`
  );
}
