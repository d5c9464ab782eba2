import { css, html, nothing } from "lit";
import type { ChartSeries } from "../components/chart-data";
import { errorMessage, type Loadable, loading, track } from "../components/data-table";
import "../components/usage-chart";
import {
  currentPeriod,
  daysBetween,
  formatCost,
  formatMinutes,
  type QuotaState,
  quotaState,
} from "../format";
import type { Agent, UsageReport } from "../types";
import { PageElement } from "./context";

interface OverviewData {
  byDay: UsageReport;
  byAgent: UsageReport;
  byProvider: UsageReport;
  agents: Agent[];
}

const providerNames: Record<string, string> = {
  elevenlabs: "Premium (ElevenLabs)",
  openai: "Standard (OpenAI)",
};

export class OverviewPage extends PageElement {
  static override properties = { data: { state: true } };
  declare data: Loadable<OverviewData>;

  static override styles = [
    ...PageElement.styles,
    css`
      .stats {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(160px, 1fr));
        gap: var(--pd-space-3);
      }
      .stat dt {
        color: var(--pd-text-muted);
        font-size: var(--pd-text-sm);
      }
      .stat dd {
        margin: var(--pd-space-1) 0 0;
        font-size: var(--pd-text-2xl);
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .bar {
        height: 8px;
        border-radius: 999px;
        background: var(--pd-surface-2);
        overflow: hidden;
        margin: var(--pd-space-2) 0;
      }
      .bar span {
        display: block;
        height: 100%;
        background: var(--pd-accent);
        border-radius: inherit;
      }
      .bar.warning span {
        background: #d49a00;
      }
      .bar.critical span,
      .bar.exceeded span {
        background: var(--pd-danger);
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
        gap: var(--pd-space-3);
      }
      ol {
        margin: var(--pd-space-3) 0 0;
        padding-left: 20px;
        display: flex;
        flex-direction: column;
        gap: var(--pd-space-2);
      }
    `,
  ];

  constructor() {
    super();
    this.data = loading();
  }

  override connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  private period() {
    return currentPeriod(new Date(), this.ctx.me.partner.timezone);
  }

  private load() {
    const { api } = this.ctx;
    const { from, to } = this.period();
    return track(
      async () => {
        const [byDay, byAgent, byProvider, agents] = await Promise.all([
          api.usage({ from, to, groupBy: "day" }),
          api.usage({ from, to, groupBy: "day", split: "agent" }),
          api.usage({ from, to, groupBy: "day", split: "provider" }),
          api.listAgents(),
        ]);
        return { byDay, byAgent, byProvider, agents: agents.data };
      },
      (d) => {
        this.data = d;
      },
    );
  }

  override render() {
    const month = new Intl.DateTimeFormat("en-US", {
      month: "long",
      year: "numeric",
      timeZone: this.ctx.me.partner.timezone,
    }).format(new Date());
    return html`<div class="page-header">
        <div>
          <h1>Overview</h1>
          <p class="muted">Usage for ${month}, the current billing period.</p>
        </div>
        <a class="btn btn-primary" href="/dashboard/agents/new">New agent</a>
      </div>
      ${this.body()}`;
  }

  private body() {
    const d = this.data;
    if (d.status === "loading") {
      return html`<div class="card" role="status">Loading usage…</div>`;
    }
    if (d.status === "error") {
      return html`<div class="card stack" role="alert">
        <strong>Could not load usage</strong>
        <span class="muted">${errorMessage(d.error)}</span>
        <div><button class="btn btn-sm" type="button" @click=${() => this.load()}>Try again</button></div>
      </div>`;
    }
    const { byDay, byAgent, byProvider, agents } = d.value;
    const quota = quotaState(byDay.quota.usedSeconds, byDay.quota.includedSeconds);
    const names = new Map(agents.map((a) => [a.id, a.name]));
    return html`<div class="stack-lg">
      ${agents.length === 0 ? this.gettingStarted() : nothing}
      ${this.quotaCard(byDay, quota)}
      <dl class="stats card" style="margin: 0">
        <div class="stat"><dt>Sessions</dt><dd>${byDay.totals.sessions}</dd></div>
        <div class="stat"><dt>Minutes</dt><dd>${formatMinutes(byDay.totals.seconds)}</dd></div>
        <div class="stat"><dt>Cost</dt><dd>${formatCost(byDay.totals.costMicros)}</dd></div>
      </dl>
      <section class="card" aria-labelledby="per-day">
        <h2 id="per-day">Minutes per day</h2>
        ${this.dayChart(byDay)}
      </section>
      <div class="charts">
        <section class="card" aria-labelledby="by-agent">
          <h2 id="by-agent">Minutes per day by agent</h2>
          ${this.split(byAgent, "Minutes per day by agent", (k) => names.get(k) ?? k)}
        </section>
        <section class="card" aria-labelledby="by-provider">
          <h2 id="by-provider">Minutes per day by provider</h2>
          ${this.split(byProvider, "Minutes per day by provider", (k) => providerNames[k] ?? k)}
        </section>
      </div>
    </div>`;
  }

  private gettingStarted() {
    return html`<section class="card" aria-labelledby="start">
      <h2 id="start">Get your first agent talking</h2>
      <ol>
        <li><a href="/dashboard/agents/new">Create an agent</a> from a ready-made persona.</li>
        <li>Open its <strong>Embed</strong> tab and copy the two-line snippet.</li>
        <li>Paste it into your page, before <code>&lt;/body&gt;</code>. Visitors can talk to it.</li>
      </ol>
    </section>`;
  }

  private quotaCard(report: UsageReport, quota: QuotaState) {
    const { includedSeconds, usedSeconds } = report.quota;
    const real = includedSeconds > 0 ? Math.round((usedSeconds / includedSeconds) * 100) : 0;
    const message =
      quota.level === "exceeded"
        ? html`<div class="alert alert-danger" role="alert">
            You have used all your included minutes. Extra minutes are billed as overage, or
            sessions stop if your plan has none. <a href="/dashboard/settings#plan">Review your plan</a>.
          </div>`
        : quota.level === "critical"
          ? html`<div class="alert alert-danger" role="alert">
              ${real} % of your included minutes are used. Upgrade soon to avoid interruptions.
              <a href="/dashboard/settings#plan">Review your plan</a>.
            </div>`
          : quota.level === "warning"
            ? html`<div class="alert alert-warning" role="status">
                ${real} % of your included minutes are used this period.
              </div>`
            : nothing;
    return html`<section class="card" aria-labelledby="quota">
      <h2 id="quota">Minutes this period</h2>
      <p>
        <strong>${formatMinutes(usedSeconds)}</strong>
        <span class="muted">of ${formatMinutes(includedSeconds)} included</span>
      </p>
      <div
        class="bar ${quota.level}"
        role="progressbar"
        aria-label="Included minutes used"
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${quota.percent}
        aria-valuetext="${real} %"
      >
        <span style="width: ${quota.percent}%"></span>
      </div>
      ${message}
    </section>`;
  }

  private dayChart(report: UsageReport) {
    const days = daysBetween(report.from.slice(0, 10), report.to.slice(0, 10));
    const seconds = new Map(report.data.map((r) => [r.key, r.seconds]));
    const labels = days.map((d) =>
      new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(
        new Date(`${d}T00:00:00Z`),
      ),
    );
    const series: ChartSeries[] = [
      { label: "Minutes", values: days.map((d) => (seconds.get(d) ?? 0) / 60) },
    ];
    return html`<pd-usage-chart
      label="Minutes per day this period"
      .labels=${labels}
      .series=${series}
    ></pd-usage-chart>`;
  }

  /** Minutes per day, one stacked band per agent or provider (`split` series). */
  private split(report: UsageReport, label: string, name: (key: string) => string) {
    const series = report.series ?? [];
    if (series.length === 0 || report.totals.seconds === 0) {
      return html`<p class="muted">No conversations yet this period.</p>`;
    }
    const days = series[0]?.data.map((d) => d.day) ?? [];
    const labels = days.map((d) =>
      new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(
        new Date(`${d}T00:00:00Z`),
      ),
    );
    return html`<pd-usage-chart
      label=${label}
      .labels=${labels}
      .series=${series.map((s) => ({ label: name(s.key), values: s.data.map((d) => d.seconds / 60) }))}
    ></pd-usage-chart>`;
  }
}

if (!customElements.get("pd-overview")) customElements.define("pd-overview", OverviewPage);
