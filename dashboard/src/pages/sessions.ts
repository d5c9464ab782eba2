import { css, html, nothing } from "lit";
import type { SessionFilters } from "../api";
import {
  type Column,
  dataTable,
  type Loadable,
  loading,
  tableStyles,
} from "../components/data-table";
import { formError, inputField, selectField } from "../components/fields";
import { formatCost, formatDateTime, formatDuration } from "../format";
import type { Agent, SessionSummary } from "../types";
import { PageElement } from "./context";

export const sessionStatusBadge = (s: SessionSummary) => {
  const kind: Record<SessionSummary["status"], string> = {
    issued: "",
    connected: "badge-accent",
    ended: "badge-success",
    expired: "badge-warning",
    failed: "badge-danger",
  };
  return html`<span class="badge ${kind[s.status]}">${s.status}</span>`;
};

const statuses: readonly SessionSummary["status"][] = [
  "issued",
  "connected",
  "ended",
  "expired",
  "failed",
];

export const providerLabel = (p: string) => (p === "elevenlabs" ? "Premium" : "Standard");

/** Dates in the URL are calendar days; the API filters by instants in the partner's day. */
const startOf = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const endOf = (day: string) => new Date(`${day}T23:59:59.999`).toISOString();

export class SessionsPage extends PageElement {
  static override properties = {
    filters: { attribute: false },
    rows: { state: true },
    cursor: { state: true },
    agents: { state: true },
    moreError: { state: true },
  };
  declare filters: SessionFilters;
  declare rows: Loadable<SessionSummary[]>;
  declare cursor: string | null;
  declare agents: Agent[];
  declare moreError: unknown;
  private request = 0;

  static override styles = [
    ...PageElement.styles,
    tableStyles,
    css`
      .filters {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
        gap: var(--pd-space-2) var(--pd-space-3);
        align-items: end;
        margin-bottom: var(--pd-space-4);
      }
      .more {
        display: flex;
        justify-content: center;
        margin-top: var(--pd-space-3);
      }
    `,
  ];

  constructor() {
    super();
    this.filters = {};
    this.rows = loading();
    this.cursor = null;
    this.agents = [];
    this.moreError = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.ctx.api.listAgents().then(
      (a) => {
        this.agents = a.data;
      },
      () => {
        // The filter still works by id; names are a nicety.
      },
    );
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has("filters")) this.load();
  }

  private query(): SessionFilters {
    const f = this.filters;
    return {
      ...f,
      from: f.from ? startOf(f.from) : undefined,
      to: f.to ? endOf(f.to) : undefined,
    };
  }

  private async load(append = false) {
    const id = ++this.request;
    if (!append) this.rows = loading();
    this.moreError = null;
    try {
      const page = await this.ctx.api.listSessions(
        this.query(),
        append ? (this.cursor ?? undefined) : undefined,
      );
      if (id !== this.request) return; // a newer filter won
      const before = append && this.rows.status === "ready" ? this.rows.value : [];
      this.rows = { status: "ready", value: [...before, ...page.data] };
      this.cursor = page.nextCursor;
    } catch (error) {
      if (id !== this.request) return;
      if (append) this.moreError = error;
      else this.rows = { status: "error", error };
    }
  }

  /** Filters live in the URL: changing one navigates, and the page follows the route. */
  private filter(patch: Partial<SessionFilters>) {
    const merged: SessionFilters = { ...this.filters, ...patch };
    const next: SessionFilters = {};
    if (merged.agent) next.agent = merged.agent;
    if (merged.status) next.status = merged.status;
    if (merged.provider) next.provider = merged.provider;
    if (merged.from) next.from = merged.from;
    if (merged.to) next.to = merged.to;
    this.ctx.navigate({ page: "sessions", filters: next }, { replace: true });
  }

  override render() {
    const f = this.filters;
    const tz = this.ctx.me.partner.timezone;
    const names = new Map(this.agents.map((a) => [a.id, a.name]));
    const columns: Column<SessionSummary>[] = [
      {
        header: "Started",
        cell: (s) =>
          html`<a href="/dashboard/sessions/${encodeURIComponent(s.id)}">${formatDateTime(s.startedAt, tz)}</a>`,
      },
      { header: "Agent", cell: (s) => names.get(s.agentId) ?? s.agentId, optional: true },
      { header: "Status", cell: sessionStatusBadge },
      {
        header: "Voice",
        cell: (s) =>
          html`${providerLabel(s.provider)}${s.fallbackFrom ? html` <span class="badge badge-warning">fallback</span>` : nothing}`,
        optional: true,
      },
      { header: "Duration", cell: (s) => formatDuration(s.durationSeconds), align: "end" },
      { header: "Cost", cell: (s) => formatCost(s.costMicros), align: "end", optional: true },
    ];
    const filtered = Object.keys(f).length > 0;
    return html`<div class="page-header">
        <div><h1>Sessions</h1><p class="muted">Every conversation, newest first.</p></div>
      </div>
      <form class="filters" role="search" aria-label="Filter sessions" @submit=${(e: Event) => e.preventDefault()}>
        ${selectField({
          id: "filter-agent",
          label: "Agent",
          value: f.agent ?? "",
          onChange: (agent) => this.filter({ agent }),
          options: [
            { value: "", label: "All agents" },
            ...this.agents.map((a) => ({ value: a.id, label: a.name })),
          ],
        })}
        ${selectField({
          id: "filter-provider",
          label: "Provider",
          value: f.provider ?? "",
          onChange: (v) =>
            this.filter({ provider: v === "openai" || v === "elevenlabs" ? v : undefined }),
          options: [
            { value: "", label: "All providers" },
            { value: "openai", label: "Standard (OpenAI)" },
            { value: "elevenlabs", label: "Premium (ElevenLabs)" },
          ],
        })}
        ${selectField({
          id: "filter-status",
          label: "Status",
          value: f.status ?? "",
          onChange: (v) => this.filter({ status: statuses.find((s) => s === v) }),
          options: [
            { value: "", label: "Any status" },
            ...statuses.map((s) => ({ value: s, label: s })),
          ],
        })}
        ${inputField({
          id: "filter-from",
          label: "From",
          type: "date",
          value: f.from ?? "",
          onInput: (from) => this.filter({ from: from || undefined }),
        })}
        ${inputField({
          id: "filter-to",
          label: "To",
          type: "date",
          value: f.to ?? "",
          onInput: (to) => this.filter({ to: to || undefined }),
        })}
        ${filtered ? html`<div><a class="btn btn-ghost" href="/dashboard/sessions">Clear filters</a></div>` : nothing}
      </form>
      ${dataTable({
        label: "Sessions",
        columns,
        rows: this.rows,
        onRetry: () => this.load(),
        empty: filtered
          ? { title: "No sessions match", body: "Try a wider date range or clear the filters." }
          : {
              title: "No sessions yet",
              body: "When visitors talk to your agents, their conversations appear here.",
            },
      })}
      ${this.moreError ? formError(this.moreError) : nothing}
      ${this.cursor && this.rows.status === "ready" ? html`<div class="more"><button class="btn" type="button" @click=${() => this.load(true)}>Load more</button></div>` : nothing}`;
  }
}

if (!customElements.get("pd-sessions")) customElements.define("pd-sessions", SessionsPage);
