import { css, html, nothing, type TemplateResult } from "lit";
import { ApiError } from "../api";

/** Something being fetched: the three states every list must show. */
export type Loadable<T> =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "ready"; value: T };

export const loading = <T>(): Loadable<T> => ({ status: "loading" });

/** Runs `fn` and reports each state to `set`, so a page only keeps one field per list. */
export async function track<T>(fn: () => Promise<T>, set: (l: Loadable<T>) => void): Promise<void> {
  set({ status: "loading" });
  try {
    set({ status: "ready", value: await fn() });
  } catch (error) {
    set({ status: "error", error });
  }
}

export interface Column<T> {
  header: string;
  cell: (row: T) => TemplateResult | string;
  /** Hidden on narrow screens; the first column always stays. */
  optional?: boolean;
  align?: "end";
}

export interface TableOptions<T> {
  /** Names the table for screen readers (visually hidden caption). */
  label: string;
  columns: Column<T>[];
  rows: Loadable<T[]>;
  empty: { title: string; body: string; action?: TemplateResult };
  onRetry: () => void;
}

export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.detail : "Something went wrong loading this.";
}

/** A list with its loading, error and empty states. */
export function dataTable<T>(o: TableOptions<T>) {
  if (o.rows.status === "loading") {
    return html`<div class="table-state" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true"></span> Loading ${o.label.toLowerCase()}…
    </div>`;
  }
  if (o.rows.status === "error") {
    return html`<div class="table-state" role="alert">
      <strong>Could not load ${o.label.toLowerCase()}</strong>
      <span class="muted">${errorMessage(o.rows.error)}</span>
      <button class="btn btn-sm" type="button" @click=${o.onRetry}>Try again</button>
    </div>`;
  }
  if (o.rows.value.length === 0) {
    return html`<div class="table-state">
      <strong>${o.empty.title}</strong>
      <span class="muted">${o.empty.body}</span>
      ${o.empty.action ?? nothing}
    </div>`;
  }
  return html`<div class="table-wrap" role="region" aria-label=${o.label} tabindex="0">
    <table>
      <caption class="visually-hidden">${o.label}</caption>
      <thead>
        <tr>
          ${o.columns.map(
            (c) =>
              html`<th scope="col" class="${c.optional ? "optional" : ""} ${c.align ?? ""}">
                ${c.header}
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${o.rows.value.map(
          (row) =>
            html`<tr>
              ${o.columns.map(
                (c) =>
                  html`<td class="${c.optional ? "optional" : ""} ${c.align ?? ""}">
                    ${c.cell(row)}
                  </td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export const tableStyles = css`
  .table-wrap {
    overflow-x: auto;
    background: var(--pd-surface);
    border: 1px solid var(--pd-border);
    border-radius: var(--pd-radius-lg);
    box-shadow: var(--pd-shadow);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: 12px var(--pd-space-3);
    text-align: left;
    border-bottom: 1px solid var(--pd-border);
    vertical-align: middle;
  }
  th {
    font-size: var(--pd-text-xs);
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--pd-text-muted);
    background: var(--pd-surface-2);
    white-space: nowrap;
  }
  tbody tr:last-child td {
    border-bottom: 0;
  }
  tbody tr:hover td {
    background: var(--pd-surface-2);
  }
  td a {
    font-weight: 500;
    color: var(--pd-text);
    text-decoration: none;
  }
  td a:hover {
    text-decoration: underline;
  }
  .end {
    text-align: right;
  }
  .table-state {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--pd-space-2);
    padding: var(--pd-space-6) var(--pd-space-3);
    text-align: center;
    background: var(--pd-surface);
    border: 1px dashed var(--pd-border-strong);
    border-radius: var(--pd-radius-lg);
  }
  .spinner {
    display: inline-block;
    width: 16px;
    height: 16px;
    border: 2px solid var(--pd-border-strong);
    border-top-color: var(--pd-accent);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  @media (max-width: 640px) {
    .optional {
      display: none;
    }
    th,
    td {
      padding: 12px;
    }
  }
`;
