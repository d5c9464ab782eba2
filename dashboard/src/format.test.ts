import { describe, expect, it } from "vitest";
import {
  currentPeriod,
  daysBetween,
  formatCost,
  formatDuration,
  formatMinutes,
  quotaState,
} from "./format";

describe("formatting", () => {
  it("shows minutes with one decimal under ten, whole above", () => {
    expect(formatMinutes(90)).toBe("1.5 min");
    expect(formatMinutes(0)).toBe("0 min");
    expect(formatMinutes(36_030)).toBe("601 min");
    expect(formatMinutes(6_000_000)).toBe("100,000 min");
  });

  it("formats micros as dollars, with a floor for slivers", () => {
    expect(formatCost(1_230_000)).toBe("$1.23");
    expect(formatCost(0)).toBe("$0.00");
    expect(formatCost(2_500)).toBe("<$0.01");
    expect(formatCost(1_234_567_890)).toBe("$1,234.57");
  });

  it("formats durations", () => {
    expect(formatDuration(125)).toBe("2m 05s");
    expect(formatDuration(3_725)).toBe("1h 02m");
    expect(formatDuration(null)).toBe("—");
  });
});

describe("quotaState", () => {
  it.each([
    [0, 6000, "ok", 0],
    [4799, 6000, "ok", 80],
    [4800, 6000, "warning", 80],
    [5699, 6000, "warning", 95],
    [5700, 6000, "critical", 95],
    [6000, 6000, "exceeded", 100],
    [9000, 6000, "exceeded", 100],
  ] as const)("%i of %i seconds is %s", (used, included, level, percent) => {
    expect(quotaState(used, included)).toEqual({ level, percent });
  });

  it("treats any use of a zero allowance as exceeded", () => {
    expect(quotaState(1, 0).level).toBe("exceeded");
    expect(quotaState(0, 0).level).toBe("ok");
  });
});

describe("periods", () => {
  it("takes the month in the partner's time zone", () => {
    const instant = new Date("2026-11-30T23:30:00Z");
    expect(currentPeriod(instant, "UTC")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(currentPeriod(instant, "Europe/Madrid")).toEqual({
      from: "2026-12-01",
      to: "2026-12-31",
    });
    expect(currentPeriod(new Date("2028-02-10T00:00:00Z"), "UTC").to).toBe("2028-02-29");
  });

  it("lists every day of a range", () => {
    expect(daysBetween("2026-10-30", "2026-11-02")).toEqual([
      "2026-10-30",
      "2026-10-31",
      "2026-11-01",
      "2026-11-02",
    ]);
  });
});
