import { css, html, nothing } from "lit";
import { confirmAction } from "../components/confirm-dialog";
import { errorMessage, type Loadable, loading, track } from "../components/data-table";
import { formError } from "../components/fields";
import { PendingPoll } from "../components/pending-poll";
import { toast } from "../components/toasts";
import type { AgentTab } from "../router";
import type { Agent } from "../types";
import "./agent-editor";
import "./agent-embed";
import { isProvisioning, provisioningBadge, statusBadge } from "./agents";
import { PageElement } from "./context";

/** One agent: header with pause/resume and delete, then the Settings or Embed tab. */
export class AgentPage extends PageElement {
  static override properties = {
    agentId: {},
    tab: {},
    agent: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  declare agentId: string;
  declare tab: AgentTab;
  declare agent: Loadable<Agent>;
  declare error: unknown;
  declare busy: boolean;

  static override styles = [
    ...PageElement.styles,
    css`
      .tabs {
        display: flex;
        gap: var(--pd-space-1);
        margin-bottom: var(--pd-space-4);
        border-bottom: 1px solid var(--pd-border);
      }
      .tabs a {
        padding: var(--pd-space-2) 12px;
        margin-bottom: -1px;
        border-bottom: 2px solid transparent;
        color: var(--pd-text-muted);
        text-decoration: none;
        font-weight: 500;
      }
      .tabs a[aria-current="page"] {
        color: var(--pd-text);
        border-bottom-color: var(--pd-accent);
      }
      .crumb {
        font-size: var(--pd-text-sm);
        margin-bottom: var(--pd-space-2);
      }
    `,
  ];

  constructor() {
    super();
    this.agent = loading();
    this.error = null;
    this.busy = false;
    new PendingPoll(
      this,
      () => this.agent.status === "ready" && isProvisioning(this.agent.value),
      () => this.refresh(),
    );
  }

  /** Picks up the provisioning outcome; the editor keeps its draft (it reads the agent once). */
  private async refresh() {
    try {
      this.agent = { status: "ready", value: await this.ctx.api.getAgent(this.agentId) };
    } catch {
      // The next look, or a reload, will tell.
    }
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has("agentId")) this.load();
  }

  private load() {
    return track(
      () => this.ctx.api.getAgent(this.agentId),
      (a) => {
        this.agent = a;
      },
    );
  }

  private async setStatus(agent: Agent, status: Agent["status"]) {
    this.busy = true;
    this.error = null;
    try {
      this.agent = { status: "ready", value: await this.ctx.api.updateAgent(agent.id, { status }) };
      toast(status === "paused" ? "Agent paused" : "Agent resumed");
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  private async confirmDelete(agent: Agent) {
    const ok = await confirmAction({
      title: `Delete ${agent.name}?`,
      body: "The widget stops working on every site that embeds it. Past sessions and usage stay. This cannot be undone.",
      confirmLabel: "Delete agent",
      danger: true,
    });
    if (!ok) return;
    try {
      await this.ctx.api.deleteAgent(agent.id);
      toast("Agent deleted");
      this.ctx.navigate({ page: "agents" });
    } catch (error) {
      this.error = error;
    }
  }

  override render() {
    const a = this.agent;
    if (a.status === "loading") return html`<div class="card" role="status">Loading agent…</div>`;
    if (a.status === "error") {
      return html`<div class="card stack" role="alert">
        <h1>Agent not available</h1>
        <span class="muted">${errorMessage(a.error)}</span>
        <div class="actions">
          <button class="btn btn-sm" type="button" @click=${() => this.load()}>Try again</button>
          <a class="btn btn-sm btn-ghost" href="/dashboard/agents">All agents</a>
        </div>
      </div>`;
    }
    const agent = a.value;
    const base = `/dashboard/agents/${encodeURIComponent(agent.id)}`;
    const onSaved = (e: CustomEvent<Agent>) => {
      this.agent = { status: "ready", value: e.detail };
    };
    return html`<div class="crumb"><a href="/dashboard/agents">Agents</a></div>
      <div class="page-header">
        <div class="stack" style="gap: var(--pd-space-2)">
          <h1>${agent.name}</h1>
          <div class="row">${statusBadge(agent)} ${provisioningBadge(agent)}</div>
        </div>
        <div class="actions">
          ${
            agent.status === "active"
              ? html`<button class="btn" type="button" ?disabled=${this.busy} @click=${() => this.setStatus(agent, "paused")}>Pause</button>`
              : html`<button class="btn" type="button" ?disabled=${this.busy} @click=${() => this.setStatus(agent, "active")}>Resume</button>`
          }
          <button class="btn btn-danger" type="button" @click=${() => this.confirmDelete(agent)}>Delete</button>
        </div>
      </div>
      ${this.error ? html`<div style="margin-bottom: var(--pd-space-3)">${formError(this.error)}</div>` : nothing}
      ${
        agent.provisioningStatus === "provisioning_failed"
          ? html`<div class="alert alert-danger" role="alert" style="margin-bottom: var(--pd-space-3)">
              Setting up the premium voice failed${agent.provisioningError ? `: ${agent.provisioningError}` : "."}
              Calls use the fallback voice until it is fixed; saving the agent tries again.
            </div>`
          : nothing
      }
      <nav class="tabs" aria-label="Agent sections">
        <a href=${base} aria-current=${this.tab === "settings" ? "page" : "false"}>Settings</a>
        <a href="${base}/embed" aria-current=${this.tab === "embed" ? "page" : "false"}>Embed</a>
      </nav>
      ${
        this.tab === "embed"
          ? html`<pd-agent-embed .ctx=${this.ctx} .agent=${agent} @agent-saved=${onSaved}></pd-agent-embed>`
          : html`<pd-agent-editor .ctx=${this.ctx} .agent=${agent} @agent-saved=${onSaved}></pd-agent-editor>`
      }`;
  }
}

if (!customElements.get("pd-agent")) customElements.define("pd-agent", AgentPage);
