import { css, unsafeCSS } from "@lit/reactive-element";

interface Token {
  /** The default in the light scheme, and in the dark one unless `dark` says otherwise. */
  light: string;
  dark?: string;
  /** The server's brand may set it (`theme.<name>` in the widget config). */
  server?: true;
}

/**
 * The widget's theme tokens: one map, the only source of colours and shapes. Each token
 * resolves, in order, from the page (`--voice-agent-<name>` on the element, e.g.
 * `--voice-agent-on-primary`), the server's brand (`--_server-*`, set per instance), then
 * these defaults.
 */
export const themeTokens = {
  primary: { light: "#4338ca", dark: "#a5b4fc", server: true },
  onPrimary: { light: "#ffffff", dark: "#111827", server: true },
  surface: { light: "#ffffff", dark: "#111827", server: true },
  text: { light: "#111827", dark: "#f3f4f6", server: true },
  radius: { light: "16px", server: true },
  font: { light: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", server: true },
  zIndex: { light: "2147483000" },
  subtle: { light: "#4b5563", dark: "#d1d5db" },
  border: { light: "#d1d5db", dark: "#374151" },
  bubble: { light: "#f3f4f6", dark: "#1f2937" },
  danger: { light: "#b91c1c", dark: "#fca5a5" },
  focus: { light: "#1d4ed8", dark: "#93c5fd" },
} satisfies Record<string, Token>;

export type ThemeToken = keyof typeof themeTokens;

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const tokens: [string, Token][] = Object.entries(themeTokens);

/** The `--_*` properties the rules use; the dark scheme only redeclares what changes. */
function declarations(scheme: "light" | "dark"): string {
  return tokens
    .flatMap(([name, token]) => {
      const value = scheme === "dark" ? token.dark : token.light;
      if (value === undefined) return [];
      const id = kebab(name);
      // In dark mode the brand's light surface and text would be unreadable, so skip them.
      const useServer =
        token.server && !(scheme === "dark" && (name === "surface" || name === "text"));
      const fallback = useServer ? `var(--_server-${id},${value})` : value;
      return [`--_${id}:var(--voice-agent-${id},${fallback});`];
    })
    .join("");
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

/**
 * What every page loads: the tokens on the host, the resets and the launcher. The panel's
 * and the call's rules are in `panel/panel.styles.ts`, adopted when the panel loads.
 */
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
  /* An open panel and its launcher stack above every other Parley widget's launcher. */
  :host([open]) .launcher {
    z-index: calc(var(--_z-index) + 1);
  }
  .unavailable {
    width: auto;
    height: auto;
    min-height: 44px;
    padding: 8px 16px;
    border-radius: 22px;
    display: flex;
    gap: 8px;
    align-items: center;
    background: var(--_surface);
    color: var(--_subtle);
    border-color: var(--_border);
    font-size: 14px;
    box-shadow: 0 4px 14px rgb(0 0 0 / 18%);
  }
  .unavailable svg {
    width: 18px;
    height: 18px;
  }
  .unavailable[aria-disabled="true"] {
    cursor: default;
  }
  .unavailable[aria-disabled="true"]:hover {
    transform: none;
  }
  .retry {
    color: var(--_primary);
    font-weight: 600;
    text-decoration: underline;
  }
  .tip {
    display: none;
    position: fixed;
    bottom: 72px;
    right: 20px;
    z-index: var(--_z-index);
    max-width: min(280px, calc(100vw - 40px));
    padding: 8px 12px;
    border-radius: 8px;
    background: var(--_text);
    color: var(--_surface);
    font-size: 13px;
  }
  .launcher:hover + .tip,
  .launcher:focus + .tip {
    display: block;
  }
  :host([position="bottom-left"]) :is(.launcher, .tip),
  :host([position="top-left"]) :is(.launcher, .tip) {
    right: auto;
    left: 20px;
  }
  :host([position^="top"]) .launcher {
    bottom: auto;
    top: 20px;
  }
  :host([position^="top"]) .tip {
    bottom: auto;
    top: 72px;
  }
  @media (max-width: 639px) {
    /* The full-screen panel has its own close button; the launcher would sit on top of it. */
    :host([open]:not([variant="inline"])) .launcher {
      display: none;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    .launcher {
      animation: none;
      transition: none;
    }
  }
`;
