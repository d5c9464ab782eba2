import { css, html, LitElement, type PropertyValues, unsafeCSS } from "lit";
import uPlot from "uplot";
import uPlotCss from "uplot/dist/uPlot.min.css?inline";
import { shared } from "../styles/shared";
import { type ChartSeries, palette, stack } from "./chart-data";

/**
 * Stacked bar chart over uPlot. `labels` name the x positions (days, agents, providers);
 * each series is one stacked band. A visually hidden table carries the same numbers for
 * screen readers, so the canvas itself is presentational.
 */
export class UsageChart extends LitElement {
  static override properties = {
    label: {},
    labels: { attribute: false },
    series: { attribute: false },
    unit: {},
  };
  declare label: string;
  declare labels: string[];
  declare series: ChartSeries[];
  declare unit: string;

  private plot: uPlot | null = null;
  private observer: ResizeObserver | null = null;

  static override styles = [
    shared,
    unsafeCSS(uPlotCss),
    css`
      .chart {
        min-height: 220px;
      }
      .u-legend {
        font-size: var(--pd-text-sm);
        color: var(--pd-text-muted);
      }
      .u-legend .u-marker {
        border-radius: 2px;
      }
    `,
  ];

  constructor() {
    super();
    this.label = "Chart";
    this.labels = [];
    this.series = [];
    this.unit = "min";
  }

  override firstUpdated() {
    const el = this.renderRoot.querySelector<HTMLElement>(".chart");
    if (!el) return;
    this.observer = new ResizeObserver(() => {
      if (this.plot) this.plot.setSize({ width: el.clientWidth, height: 240 });
    });
    this.observer.observe(el);
  }

  override updated(changed: PropertyValues<this>) {
    if (changed.has("labels") || changed.has("series")) this.draw();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }

  private draw() {
    const el = this.renderRoot.querySelector<HTMLElement>(".chart");
    if (!el) return;
    this.plot?.destroy();
    const style = getComputedStyle(this);
    const muted = style.getPropertyValue("--pd-text-muted").trim() || "#5b616e";
    const grid = style.getPropertyValue("--pd-border").trim() || "#e3e5e8";
    const stacked = stack(this.series);
    const xs = this.labels.map((_, i) => i);
    const bars = uPlot.paths.bars?.({ size: [0.6, 48], gap: 2 });
    const labels = this.labels;
    const unit = this.unit;
    const raw = this.series;
    const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { show: false } };
    // Tallest (cumulative) first, so shorter stacks paint over it.
    const order = raw.map((_, i) => i).reverse();
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height: 240,
      cursor: { points: { show: false }, drag: { x: false, y: false } },
      // One series needs no key; the hidden table carries the numbers either way.
      legend: { show: raw.length > 1 },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: { x: { time: false, range: [-0.5, Math.max(0.5, xs.length - 0.5)] } },
      axes: [
        {
          ...axis,
          grid: { show: false },
          values: (u, splits) => {
            // Category names shrink to the room each bar has (about 7 px a character).
            const room = Math.max(
              4,
              Math.floor(u.bbox.width / devicePixelRatio / Math.max(1, splits.length) / 7),
            );
            return splits.map((i) => clip(labels[Math.round(i)] ?? "", room));
          },
          incrs: [1, 2, 5, 7, 10, 14],
        },
        {
          ...axis,
          // Wide enough for the longest label ("0.125 min"), which a fixed width clipped.
          size: (_u, values) => Math.max(48, ...(values ?? []).map((v) => v.length * 7 + 16)),
          values: (_u, splits) => splits.map((v) => `${v} ${unit}`),
        },
      ],
      series: [
        { label: "", value: (_u, i) => (i === null ? "" : (labels[Math.round(i)] ?? "")) },
        ...order.map((k) => ({
          label: raw[k]?.label ?? "",
          fill: palette[k % palette.length],
          stroke: palette[k % palette.length],
          width: 0,
          paths: bars,
          points: { show: false },
          value: (_u: uPlot, _v: number | null, _s: number, idx: number | null) =>
            idx === null ? "—" : `${round(raw[k]?.values[idx] ?? 0)} ${unit}`,
        })),
      ],
    };
    this.plot = new uPlot(opts, [xs, ...order.map((k) => stacked[k] ?? [])], el);
  }

  // The wrapper does the hiding: a table ignores width, height and overflow, so hidden on
  // the table itself it kept its full height and stretched the page below the charts.
  override render() {
    return html`<figure style="margin: 0">
      <div class="chart" role="img" aria-label=${this.label}></div>
      <div class="visually-hidden"><table>
        <caption>${this.label}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            ${this.series.map((s) => html`<th scope="col">${s.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${this.labels.map(
            (l, i) =>
              html`<tr>
                <th scope="row">${l}</th>
                ${this.series.map((s) => html`<td>${round(s.values[i] ?? 0)} ${this.unit}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table></div>
    </figure>`;
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

if (!customElements.get("pd-usage-chart")) customElements.define("pd-usage-chart", UsageChart);
