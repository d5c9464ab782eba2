import { css } from "@lit/reactive-element";

/**
 * The dialog's and the call UI's rules, adopted after the base sheet (`../voice-agent.styles`)
 * when the panel loads. They use only the `--_*` tokens the base sheet defines on the host.
 */
export const panelStyles = css`
  .danger {
    background: var(--_danger);
    color: var(--_surface);
    border-color: var(--_danger);
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
  /* Above every other Parley widget's launcher (a full-screen panel on a phone covers them). */
  :host([open]:not([variant="inline"])) .panel {
    z-index: calc(var(--_z-index) + 1);
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
    input {
      font-size: 16px;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .panel,
    .orb {
      animation: none;
      transition: none;
    }
  }
`;
