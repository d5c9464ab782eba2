import { html } from "lit";
import {
  type Column,
  dataTable,
  type Loadable,
  loading,
  tableStyles,
  track,
} from "../components/data-table";
import { PendingPoll } from "../components/pending-poll";
import { formatDateTime } from "../format";
import type { Agent, Voice } from "../types";
import { standardVoices, voiceName } from "../voices";
import { PageElement } from "./context";

export const statusBadge = (a: Agent) =>
  a.status === "active"
    ? html`<span class="badge badge-success">Active</span>`
    : html`<span class="badge badge-warning">Paused</span>`;

export const provisioningBadge = (a: Agent) => {
  switch (a.provisioningStatus) {
    case "provisioned":
      return html`<span class="badge badge-success">Ready</span>`;
    case "pending":
      return html`<span class="badge">Setting up…</span>`;
    case "provisioning_failed":
      return html`<span class="badge badge-danger" title=${a.provisioningError ?? ""}>Setup failed</span>`;
    default:
      return html`<span class="badge">Ready</span>`;
  }
};

export const isProvisioning = (a: Agent) => a.provisioningStatus === "pending";

export class AgentsPage extends PageElement {
  static override properties = { agents: { state: true }, voices: { state: true } };
  declare agents: Loadable<Agent[]>;
  /** The catalogue, to show voice names instead of ids. */
  declare voices: Voice[];
  static override styles = [...PageElement.styles, tableStyles];

  constructor() {
    super();
    this.agents = loading();
    this.voices = standardVoices;
    // A premium voice is set up in the background: show "Ready" when it is, unprompted.
    new PendingPoll(
      this,
      () => this.agents.status === "ready" && this.agents.value.some(isProvisioning),
      () => this.refresh(),
    );
  }

  override connectedCallback() {
    super.connectedCallback();
    this.load();
    this.ctx.api.listVoices().then(
      (voices) => {
        this.voices = voices;
      },
      // Without the catalogue the ids still say which voice it is.
      () => {},
    );
  }

  private load() {
    return track(
      async () => (await this.ctx.api.listAgents()).data,
      (a) => {
        this.agents = a;
      },
    );
  }

  /** Reloads without the loading state, so the table does not flicker. */
  private async refresh() {
    try {
      this.agents = { status: "ready", value: (await this.ctx.api.listAgents()).data };
    } catch {
      // A failed background look changes nothing on screen; the next one may work.
    }
  }

  override render() {
    const tz = this.ctx.me.partner.timezone;
    const columns: Column<Agent>[] = [
      {
        header: "Name",
        cell: (a) => html`<a href="/dashboard/agents/${encodeURIComponent(a.id)}">${a.name}</a>`,
      },
      { header: "Status", cell: statusBadge },
      { header: "Provisioning", cell: provisioningBadge, optional: true },
      {
        header: "Voice",
        optional: true,
        cell: (a) =>
          html`${voiceName(this.voices, a.voiceProvider, a.voiceId)}
          ${a.voiceProvider === "elevenlabs" ? html`<span class="badge badge-accent">Premium</span>` : ""}`,
      },
      { header: "Updated", cell: (a) => formatDateTime(a.updatedAt, tz), optional: true },
      {
        header: "Embed",
        align: "end",
        cell: (a) =>
          html`<a class="btn btn-sm" href="/dashboard/agents/${encodeURIComponent(a.id)}/embed"
            aria-label="Embed ${a.name}">Embed</a>`,
      },
    ];
    return html`<div class="page-header">
        <div>
          <h1>Agents</h1>
          <p class="muted">Each agent is one widget: a persona, a voice and where it may run.</p>
        </div>
        <a class="btn btn-primary" href="/dashboard/agents/new">New agent</a>
      </div>
      ${dataTable({
        label: "Agents",
        columns,
        rows: this.agents,
        onRetry: () => this.load(),
        empty: {
          title: "No agents yet",
          body: "Create one from a template; it takes about a minute.",
          action: html`<a class="btn btn-primary" href="/dashboard/agents/new">Create your first agent</a>`,
        },
      })}`;
  }
}

if (!customElements.get("pd-agents")) customElements.define("pd-agents", AgentsPage);
