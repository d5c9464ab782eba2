import { css, html, nothing } from "lit";
import { errorMessage, type Loadable, loading, track } from "../components/data-table";
import { formatCost, formatDateTime, formatDuration } from "../format";
import type { Agent, Session, Voice } from "../types";
import { voiceName } from "../voices";
import { PageElement } from "./context";
import { providerLabel, sessionStatusBadge } from "./sessions";

const fallbackReasons: Record<string, string> = {
  not_entitled: "premium voices are not included in the plan",
  provider_down: "the premium provider was unavailable",
};

export class SessionPage extends PageElement {
  static override properties = {
    sessionId: {},
    session: { state: true },
    agent: { state: true },
    voices: { state: true },
  };
  declare sessionId: string;
  declare session: Loadable<Session>;
  /** The session's agent, for its name; null while unknown or when it was deleted. */
  declare agent: Agent | null;
  /** The catalogue, for the voice's name; empty until it answers. */
  declare voices: Voice[];

  static override styles = [
    ...PageElement.styles,
    css`
      dl {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
        gap: var(--pd-space-3);
        margin: 0;
      }
      dt {
        color: var(--pd-text-muted);
        font-size: var(--pd-text-sm);
      }
      dd {
        margin: 2px 0 0;
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      li {
        display: grid;
        grid-template-columns: 56px 1fr;
        gap: var(--pd-space-2);
      }
      .who {
        font-size: var(--pd-text-xs);
        font-weight: 600;
        text-transform: uppercase;
        color: var(--pd-text-muted);
        padding-top: 2px;
      }
      .at {
        font-size: var(--pd-text-xs);
        color: var(--pd-text-muted);
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  constructor() {
    super();
    this.session = loading();
    this.agent = null;
    this.voices = [];
  }

  override connectedCallback() {
    super.connectedCallback();
    this.ctx.api.listVoices().then(
      (voices) => {
        this.voices = voices;
      },
      // Without the catalogue the voice id still says which voice it was.
      () => {},
    );
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has("sessionId")) this.load();
  }

  private load() {
    return track(
      () => this.ctx.api.getSession(this.sessionId),
      (s) => {
        this.session = s;
        if (s.status === "ready" && this.agent?.id !== s.value.agentId) this.loadAgent(s.value);
      },
    );
  }

  private async loadAgent(session: Session) {
    this.agent = null;
    try {
      this.agent = await this.ctx.api.getAgent(session.agentId);
    } catch {
      // Deleted since (sessions outlive their agent): the id is all there is to show.
    }
  }

  private agentCell(agentId: string) {
    const href = `/dashboard/agents/${encodeURIComponent(agentId)}`;
    const agent = this.agent?.id === agentId ? this.agent : null;
    return agent
      ? html`<a href=${href}>${agent.name}</a>`
      : html`<a href=${href}><code>${agentId}</code></a>`;
  }

  override render() {
    const s = this.session;
    const back = html`<p class="small" style="margin-bottom: var(--pd-space-2)"><a href="/dashboard/sessions">Sessions</a></p>`;
    if (s.status === "loading")
      return html`${back}<div class="card" role="status">Loading session…</div>`;
    if (s.status === "error") {
      return html`${back}<div class="card stack" role="alert">
        <h1>Session not available</h1><span class="muted">${errorMessage(s.error)}</span>
        <div><button class="btn btn-sm" type="button" @click=${() => this.load()}>Try again</button></div>
      </div>`;
    }
    const v = s.value;
    const tz = this.ctx.me.partner.timezone;
    return html`${back}
      <div class="page-header">
        <div class="stack" style="gap: var(--pd-space-2)">
          <h1>Session</h1>
          <div class="row"><code class="muted">${v.id}</code> ${sessionStatusBadge(v)}</div>
        </div>
      </div>
      <div class="stack-lg">
        <section class="card" aria-label="Details">
          <dl>
            <div><dt>Agent</dt><dd>${this.agentCell(v.agentId)}</dd></div>
            <div><dt>Started</dt><dd>${formatDateTime(v.startedAt, tz)}</dd></div>
            <div><dt>Ended</dt><dd>${formatDateTime(v.endedAt, tz)}</dd></div>
            <div><dt>Duration</dt><dd>${formatDuration(v.durationSeconds)}</dd></div>
            <div><dt>Cost</dt><dd>${formatCost(v.costMicros)}</dd></div>
            <div><dt>Voice</dt><dd>${providerLabel(v.provider)} · ${voiceName(this.voices, v.provider, v.voiceId)}</dd></div>
            <div><dt>Origin</dt><dd>${v.origin || "—"}</dd></div>
            <div><dt>End reason</dt><dd>${v.endReason ?? "—"}</dd></div>
          </dl>
          ${
            v.fallbackFrom
              ? html`<div class="alert alert-warning" style="margin-top: var(--pd-space-3)">
                  Fell back from ${providerLabel(v.fallbackFrom).toLowerCase()} voice:
                  ${fallbackReasons[v.fallbackReason ?? ""] ?? "reason not recorded"}.
                </div>`
              : nothing
          }
        </section>
        <section class="card" aria-labelledby="transcript">
          <h2 id="transcript">Transcript</h2>
          ${
            v.transcript.length === 0
              ? html`<p class="muted">No transcript for this session.</p>`
              : html`<ol>
                  ${v.transcript.map(
                    (line) => html`<li>
                      <span class="who">${line.role === "agent" ? "Agent" : "Visitor"}</span>
                      <span><span class="at">${formatDuration(line.atSeconds)}</span><br />${line.text}</span>
                    </li>`,
                  )}
                </ol>`
          }
        </section>
      </div>`;
  }
}

if (!customElements.get("pd-session")) customElements.define("pd-session", SessionPage);
