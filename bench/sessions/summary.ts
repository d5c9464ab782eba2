/** The figures a run reports, from autocannon's result object. */
export interface RunFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  total: number;
}

export interface AutocannonLike {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  "2xx": number;
}

export function figuresOf(result: AutocannonLike): RunFigures {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result["2xx"] + result.non2xx,
  };
}

/** Session creation against the baseline route, and whether the targets hold. */
export function verdict(sessions: RunFigures, baseline: RunFigures) {
  const ratio =
    baseline.requestsPerSecond > 0 ? sessions.requestsPerSecond / baseline.requestsPerSecond : 0;
  return {
    ratio: Math.round(ratio * 1000) / 1000,
    throughputTarget: ratio >= 0.15,
    latencyTarget: sessions.p99Ms <= 25,
    clean: sessions.non2xx === 0 && sessions.errors === 0,
  };
}

export function table(rows: [string, RunFigures][]): string {
  const head = "| route | req/s | p50 ms | p99 ms | non-2xx | errors |\n|---|---|---|---|---|---|";
  const body = rows.map(
    ([name, f]) =>
      `| ${name} | ${f.requestsPerSecond} | ${f.p50Ms} | ${f.p99Ms} | ${f.non2xx} | ${f.errors} |`,
  );
  return [head, ...body].join("\n");
}
