import { css } from "lit";

/** Controls and layout every page shares; each component adds it to its own `styles`. */
export const shared = css`
  :host {
    display: block;
    font-family: var(--pd-font);
    color: var(--pd-text);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    margin: 0;
    line-height: 1.25;
    font-weight: 600;
  }
  h1 {
    font-size: var(--pd-text-2xl);
    letter-spacing: -0.01em;
  }
  h2 {
    font-size: var(--pd-text-lg);
  }
  h3 {
    font-size: var(--pd-text-md);
  }
  p {
    margin: 0;
  }
  a {
    color: var(--pd-accent-ink);
    text-underline-offset: 2px;
  }
  code,
  pre {
    font-family: var(--pd-mono);
    font-size: var(--pd-text-sm);
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--pd-focus);
    border-radius: var(--pd-radius);
  }
  .muted {
    color: var(--pd-text-muted);
  }
  .small {
    font-size: var(--pd-text-sm);
  }
  .stack {
    display: flex;
    flex-direction: column;
    gap: var(--pd-space-3);
  }
  .stack-lg {
    display: flex;
    flex-direction: column;
    gap: var(--pd-space-4);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--pd-space-2);
  }
  .spacer {
    flex: 1;
  }
  .page-header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: var(--pd-space-3);
    margin-bottom: var(--pd-space-4);
  }
  .page-header p {
    margin-top: var(--pd-space-1);
  }
  .card {
    background: var(--pd-surface);
    border: 1px solid var(--pd-border);
    border-radius: var(--pd-radius-lg);
    box-shadow: var(--pd-shadow);
    padding: var(--pd-space-4);
  }
  .card > h2 + * {
    margin-top: var(--pd-space-3);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  /* Buttons */
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--pd-space-2);
    min-height: 36px;
    padding: 0 var(--pd-space-3);
    border: 1px solid var(--pd-border-strong);
    border-radius: var(--pd-radius);
    background: var(--pd-surface);
    color: var(--pd-text);
    font: inherit;
    font-weight: 500;
    text-decoration: none;
    cursor: pointer;
    white-space: nowrap;
  }
  .btn:hover {
    background: var(--pd-surface-2);
  }
  .btn[disabled],
  .btn[aria-disabled="true"] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .btn-primary {
    background: var(--pd-accent);
    border-color: var(--pd-accent);
    color: var(--pd-accent-text);
  }
  .btn-primary:hover {
    background: var(--pd-accent-hover);
  }
  .btn-danger {
    color: var(--pd-danger);
  }
  .btn-danger-solid {
    background: var(--pd-danger);
    border-color: var(--pd-danger);
    color: var(--pd-surface);
  }
  .btn-danger-solid:hover {
    background: var(--pd-danger);
    filter: brightness(0.92);
  }
  .btn-ghost {
    border-color: transparent;
    background: transparent;
  }
  .btn-sm {
    min-height: 28px;
    padding: 0 var(--pd-space-2);
    font-size: var(--pd-text-sm);
  }

  /* Form controls */
  form {
    display: flex;
    flex-direction: column;
    gap: var(--pd-space-3);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--pd-space-1);
    min-width: 0;
  }
  label,
  legend {
    font-weight: 500;
    font-size: var(--pd-text-sm);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  fieldset > legend {
    padding: 0;
    margin-bottom: var(--pd-space-2);
  }
  input:not([type="checkbox"]):not([type="radio"]),
  select,
  textarea {
    width: 100%;
    min-height: 36px;
    padding: var(--pd-space-2) 12px;
    border: 1px solid var(--pd-border-strong);
    border-radius: var(--pd-radius);
    background: var(--pd-surface);
    color: var(--pd-text);
    font: inherit;
  }
  textarea {
    min-height: 96px;
    resize: vertical;
    line-height: 1.5;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    border-color: var(--pd-accent);
  }
  input[type="checkbox"],
  input[type="radio"] {
    width: 16px;
    height: 16px;
    margin: 0;
    accent-color: var(--pd-accent);
  }
  [aria-invalid="true"] {
    border-color: var(--pd-danger) !important;
  }
  .hint {
    color: var(--pd-text-muted);
    font-size: var(--pd-text-sm);
  }
  .field-error {
    color: var(--pd-danger);
    font-size: var(--pd-text-sm);
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: var(--pd-space-2);
    font-weight: 400;
    font-size: var(--pd-text-md);
  }
  .grid-2 {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
    gap: var(--pd-space-3);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pd-space-2);
    align-items: center;
  }

  /* Status */
  .badge {
    display: inline-flex;
    align-items: center;
    gap: var(--pd-space-1);
    padding: 0 var(--pd-space-2);
    border-radius: 999px;
    font-size: var(--pd-text-xs);
    font-weight: 600;
    line-height: 20px;
    background: var(--pd-surface-2);
    color: var(--pd-text-muted);
    white-space: nowrap;
  }
  .badge-accent {
    background: var(--pd-accent-soft);
    color: var(--pd-accent-ink);
  }
  .badge-success {
    background: var(--pd-success-soft);
    color: var(--pd-success);
  }
  .badge-warning {
    background: var(--pd-warning-soft);
    color: var(--pd-warning);
  }
  .badge-danger {
    background: var(--pd-danger-soft);
    color: var(--pd-danger);
  }
  .alert {
    padding: 12px var(--pd-space-3);
    border-radius: var(--pd-radius);
    border: 1px solid var(--pd-border);
    background: var(--pd-surface-2);
  }
  .alert-danger {
    background: var(--pd-danger-soft);
    border-color: transparent;
    color: var(--pd-danger);
  }
  .alert-warning {
    background: var(--pd-warning-soft);
    border-color: transparent;
    color: var(--pd-warning);
  }
  .alert-accent {
    background: var(--pd-accent-soft);
    border-color: transparent;
    color: var(--pd-accent-ink);
  }
  .alert strong {
    display: block;
  }
`;
