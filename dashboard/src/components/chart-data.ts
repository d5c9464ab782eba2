/** Pure data shaping for the usage chart (tested without a canvas). */

export interface ChartSeries {
  label: string;
  values: number[];
}

/**
 * Stacked bars in uPlot: series k is drawn at the running total of series 0..k, tallest
 * first, so each visible band is exactly one series' share.
 */
export function stack(series: ChartSeries[]): number[][] {
  const totals: number[][] = [];
  let running: number[] = [];
  for (const s of series) {
    running = s.values.map((v, i) => v + (running[i] ?? 0));
    totals.push(running);
  }
  return totals;
}

/** A calm palette that reads on light and dark backgrounds; the accent comes first. */
export const palette = [
  "#6366f1",
  "#14b8a6",
  "#f59e0b",
  "#ec4899",
  "#0ea5e9",
  "#8b5cf6",
  "#84cc16",
  "#94a3b8",
];

/** Keeps the `max - 1` largest series and sums the rest into "Other", so colours stay distinct. */
export function topSeries(series: ChartSeries[], max = palette.length): ChartSeries[] {
  if (series.length <= max) return series;
  const sum = (s: ChartSeries) => s.values.reduce((a, b) => a + b, 0);
  const sorted = [...series].sort((a, b) => sum(b) - sum(a));
  const kept = sorted.slice(0, max - 1);
  const rest = sorted.slice(max - 1);
  const other = rest[0]?.values.map((_, i) => rest.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  return [...kept, { label: "Other", values: other ?? [] }];
}
