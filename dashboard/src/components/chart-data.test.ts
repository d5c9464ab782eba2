import { describe, expect, it } from "vitest";
import { stack, topSeries } from "./chart-data";

describe("stack", () => {
  it("draws each series at the running total", () => {
    expect(
      stack([
        { label: "a", values: [1, 2] },
        { label: "b", values: [3, 0] },
      ]),
    ).toEqual([
      [1, 2],
      [4, 2],
    ]);
  });
});

describe("topSeries", () => {
  it("folds the smallest series into Other", () => {
    const series = [1, 5, 3].map((n) => ({ label: `s${n}`, values: [n, n] }));
    expect(topSeries(series, 2)).toEqual([
      { label: "s5", values: [5, 5] },
      { label: "Other", values: [4, 4] },
    ]);
  });

  it("leaves a short list alone", () => {
    const series = [{ label: "a", values: [1] }];
    expect(topSeries(series, 3)).toBe(series);
  });
});
