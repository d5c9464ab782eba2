import { describe, expect, it } from "vitest";
import { callsFor, cumulative, eventCount, ranges } from "./spread";
import { differences, latencyOf, latencyTable, percentile } from "./stats";

describe("usage bench statistics", () => {
  it("takes nearest-rank percentiles", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([3, 1, 2], 100)).toBe(3);
    expect(latencyOf([5.04, 1, 2])).toEqual({ runs: 3, p50Ms: 2, p95Ms: 5, p99Ms: 5, maxMs: 5 });
  });

  it("finds the days where rollups and raw events disagree", () => {
    const day = { key: "2026-11-01", sessions: 2, seconds: 90, characters: 10, costMicros: 7 };
    expect(differences([day], [{ ...day }])).toEqual([]);
    expect(differences([day], [{ ...day, seconds: 91 }])).toHaveLength(1);
    expect(differences([day], [])).toHaveLength(1);
    expect(differences([], [day])).toEqual([
      `2026-11-01: only in raw events ${JSON.stringify(day)}`,
    ]);
  });

  it("renders a row per query", () => {
    expect(latencyTable([["rollups", latencyOf([1, 2, 3])]])).toContain(
      "| rollups | 3 | 2 | 3 | 3 | 3 |",
    );
  });
});

describe("usage bench spread", () => {
  it("splits events into calls so that premium calls (two events) make up the total", () => {
    const s = callsFor(10_000_000, 0.5);
    expect(eventCount(s)).toBe(10_000_000);
    expect(s.premiumCalls / s.calls).toBeCloseTo(0.5, 3);
  });

  it("covers every call exactly once with the ranges", () => {
    const parts = ranges(10, 3);
    expect(parts).toEqual([
      [1, 4],
      [5, 8],
      [9, 10],
    ]);
  });

  it("ends the cumulative partner shares at exactly 1", () => {
    expect(cumulative([0.4, 0.25, 0.15, 0.1, 0.06, 0.04]).at(-1)).toBe(1);
    expect(cumulative([0.5, 0.5])).toEqual([0.5, 1]);
  });
});
