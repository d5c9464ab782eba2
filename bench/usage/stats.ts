/** Latency percentiles, the report-versus-raw comparison and the table of the usage benchmark. */

export interface Latency {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentile of `samples` (milliseconds), rounded to 0.1 ms. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return Math.round((sorted[rank - 1] ?? Number.NaN) * 10) / 10;
}

export function latencyOf(samples: number[]): Latency {
  return {
    runs: samples.length,
    p50Ms: percentile(samples, 50),
    p95Ms: percentile(samples, 95),
    p99Ms: percentile(samples, 99),
    maxMs: percentile(samples, 100),
  };
}

/** Times `run` `times` times in a row, after `warmup` untimed runs. */
export async function timeRuns(run: () => Promise<unknown>, times: number, warmup: number) {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples;
}

export interface DayRow {
  key: string;
  sessions: number;
  seconds: number;
  characters: number;
  costMicros: number;
}

/** Day rows where the two answers differ (a day missing on one side counts). */
export function differences(report: DayRow[], naive: DayRow[]): string[] {
  const byDay = new Map(naive.map((r) => [r.key, r]));
  const out: string[] = [];
  for (const r of report) {
    const n = byDay.get(r.key);
    byDay.delete(r.key);
    const same =
      n !== undefined &&
      n.sessions === r.sessions &&
      n.seconds === r.seconds &&
      n.characters === r.characters &&
      n.costMicros === r.costMicros;
    if (!same) out.push(`${r.key}: rollups ${JSON.stringify(r)}, raw ${JSON.stringify(n ?? null)}`);
  }
  for (const n of byDay.values()) out.push(`${n.key}: only in raw events ${JSON.stringify(n)}`);
  return out;
}

export function latencyTable(rows: [string, Latency][]): string {
  const head = "| query | runs | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|";
  const body = rows.map(
    ([name, l]) => `| ${name} | ${l.runs} | ${l.p50Ms} | ${l.p95Ms} | ${l.p99Ms} | ${l.maxMs} |`,
  );
  return [head, ...body].join("\n");
}
