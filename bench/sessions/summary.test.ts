import { describe, expect, it } from "vitest";
import { figuresOf, table, verdict } from "./summary";

const run = (rps: number, p99: number, non2xx = 0) =>
  figuresOf({
    requests: { average: rps },
    latency: { p50: 2, p99 },
    non2xx,
    errors: 0,
    timeouts: 0,
    "2xx": rps * 10,
  });

describe("bench summary", () => {
  it("computes the ratio and checks both targets", () => {
    expect(verdict(run(1500, 20), run(10_000, 5))).toEqual({
      ratio: 0.15,
      throughputTarget: true,
      latencyTarget: true,
      clean: true,
    });
    expect(verdict(run(1000, 30, 3), run(10_000, 5))).toMatchObject({
      throughputTarget: false,
      latencyTarget: false,
      clean: false,
    });
  });

  it("renders a markdown table row per route", () => {
    expect(table([["sessions", run(1200, 9)]])).toContain("| sessions | 1200 | 2 | 9 | 0 | 0 |");
  });
});
