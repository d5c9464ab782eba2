import { css, unsafeCSS } from "lit";

/**
 * The widget's theme tokens: one map, the only source of colours and shapes. Each token
 * resolves, in order, from the page (`--voice-agent-*` on the element), the server's
 * brand (`--_server-*`, set per instance), then these defaults.
 */
export const themeTokens = {
  primary: { page: "--voice-agent-primary", light: "#4338ca", dark: "#a5b4fc", server: true },
  onPrimary: { page: "--voice-agent-on-primary", light: "#ffffff", dark: "#111827", server: true },
  surface: { page: "--voice-agent-surface", light: "#ffffff", dark: "#111827", server: true },
  text: { page: "--voice-agent-text", light: "#111827", dark: "#f3f4f6", server: true },
  radius: { page: "--voice-agent-radius", light: "16px", dark: "16px", server: true },
  font: {
    page: "--voice-agent-font",
    light: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    dark: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    server: true,
  },
  zIndex: { page: "--voice-agent-z-index", light: "2147483000", dark: "2147483000", server: false },
  subtle: { page: "--voice-agent-subtle", light: "#4b5563", dark: "#d1d5db", server: false },
  border: { page: "--voice-agent-border", light: "#d1d5db", dark: "#374151", server: false },
  bubble: { page: "--voice-agent-bubble", light: "#f3f4f6", dark: "#1f2937", server: false },
  danger: { page: "--voice-agent-danger", light: "#b91c1c", dark: "#fca5a5", server: false },
  focus: { page: "--voice-agent-focus", light: "#1d4ed8", dark: "#93c5fd", server: false },
} as const;

export type ThemeToken = keyof typeof themeTokens;

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const tokens = Object.entries(themeTokens);

function declarations(scheme: "light" | "dark"): string {
  return tokens
    .map(([name, token]) => {
      // In dark mode the brand's light surface and text would be unreadable, so skip them.
      const useServer =
        token.server && !(scheme === "dark" && (name === "surface" || name === "text"));
      const fallback = useServer
        ? `var(--_server-${kebab(name)}, ${token[scheme]})`
        : token[scheme];
      return `--_${kebab(name)}: var(${token.page}, ${fallback});`;
    })
    .join("\n");
}

/** Characters a CSS value from the server may use; anything else could escape the rule. */
const safeValue = /^[\w\s#%(),.'"/+-]{1,200}$/;

/** The server brand as one per-instance stylesheet (adopted, so no `<style>` and no CSP nonce). */
export function serverThemeCss(theme: Readonly<Record<string, string | undefined>>): string {
  const lines = tokens
    .filter(([, token]) => token.server)
    .flatMap(([name]) => {
      const value = theme[name];
      return value && safeValue.test(value) ? [`--_server-${kebab(name)}: ${value};`] : [];
    });
  return `:host { ${lines.join(" ")} }`;
}

const light = unsafeCSS(declarations("light"));
const dark = unsafeCSS(declarations("dark"));

export const styles = css`
  :host {
    all: initial;
    ${light}
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    line-height: 1.4;
    font-size: 15px;
  }
  :host([theme="dark"]) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme="auto"]) {
      ${dark}
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
    letter-spacing: normal;
    text-transform: none;
    margin: 0;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_border);
    background: var(--_surface);
    border-radius: calc(var(--_radius) / 2);
    padding: 8px 14px;
    min-height: 40px;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .primary,
  .launcher {
    background: var(--_primary);
    color: var(--_on-primary);
    border-color: var(--_primary);
  }
  .danger {
    background: var(--_danger);
    color: var(--_surface);
    border-color: var(--_danger);
  }
  .launcher {
    position: fixed;
    bottom: 20px;
    right: 20px;
    z-index: var(--_z-index);
    width: 60px;
    height: 60px;
    border-radius: 50%;
    padding: 0;
    display: grid;
    place-items: center;
    box-shadow: 0 6px 20px rgb(0 0 0 / 25%);
    transition: transform 150ms ease;
  }
  .launcher:hover {
    transform: scale(1.05);
  }
  .launcher img {
    width: 100%;
    height: 100%;
    border-radius: 50%;
    object-fit: cover;
  }
  .launcher svg,
  .icon {
    width: 26px;
    height: 26px;
    fill: currentColor;
  }
  :host([position="bottom-left"]) .launcher,
  :host([position="top-left"]) .launcher {
    right: auto;
    left: 20px;
  }
  :host([position^="top"]) .launcher {
    bottom: auto;
    top: 20px;
  }
  .panel {
    position: fixed;
    bottom: 92px;
    right: 20px;
    z-index: var(--_z-index);
    width: min(380px, calc(100vw - 40px));
    max-height: min(620px, calc(100vh - 120px));
    display: flex;
    flex-direction: column;
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 12px 40px rgb(0 0 0 / 25%);
    overflow: hidden;
    animation: rise 180ms ease-out;
  }
  :host([position="bottom-left"]) .panel,
  :host([position="top-left"]) .panel {
    right: auto;
    left: 20px;
  }
  :host([position^="top"]) .panel {
    bottom: auto;
    top: 92px;
  }
  :host([variant="inline"]) .panel {
    position: relative;
    inset: auto;
    width: 100%;
    max-height: none;
    min-height: 320px;
    box-shadow: none;
    animation: none;
    z-index: auto;
  }
  :host([variant="fullscreen"]) .panel {
    inset: 0;
    width: auto;
    max-height: none;
    border-radius: 0;
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  /* A div, not <header>: inside the dialog a banner landmark is misplaced (axe). */
  .header {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 12px 14px;
    border-bottom: 1px solid var(--_border);
  }
  .header img {
    width: 36px;
    height: 36px;
    border-radius: 50%;
    object-fit: cover;
  }
  .header h2 {
    flex: 1;
    margin: 0;
    font-size: 16px;
    font-weight: 600;
  }
  .close {
    border: none;
    background: transparent;
    padding: 4px;
    min-height: 32px;
    min-width: 32px;
  }
  .body {
    flex: 1;
    overflow-y: auto;
    padding: 14px;
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  .status {
    margin: 0;
    color: var(--_subtle);
  }
  .status.error {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
    align-items: center;
  }
  .orb {
    width: 64px;
    height: 64px;
    margin: 6px auto;
    border-radius: 50%;
    background: var(--_primary);
    transform: scale(calc(1 + var(--level, 0) * 0.35));
    transition: transform 90ms linear;
  }
  .orb.listening {
    opacity: 0.55;
  }
  .timer {
    font-variant-numeric: tabular-nums;
    color: var(--_subtle);
    margin-left: auto;
  }
  .transcript {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 8px;
    overflow-y: auto;
    min-height: 60px;
  }
  .message {
    margin: 0;
    padding: 8px 12px;
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_bubble);
    max-width: 85%;
  }
  .message.user {
    align-self: flex-end;
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .who {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  form {
    display: flex;
    gap: 8px;
  }
  input {
    flex: 1;
    min-width: 0;
    min-height: 40px;
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  .warning {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }
  .powered-by {
    padding: 6px 14px 10px;
    text-align: center;
    font-size: 12px;
    color: var(--_subtle);
  }
  .consent {
    margin: 0;
    white-space: pre-line;
  }
  @media (max-width: 639px) {
    :host(:not([variant="inline"])) .panel {
      inset: 0;
      width: auto;
      max-height: none;
      border-radius: 0;
      padding: env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom)
        env(safe-area-inset-left);
    }
    /* The full-screen panel has its own close button; the launcher would sit on top of it. */
    :host([open]:not([variant="inline"])) .launcher {
      display: none;
    }
    input {
      font-size: 16px;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    .launcher,
    .panel,
    .orb {
      animation: none;
      transition: none;
    }
  }
`;
