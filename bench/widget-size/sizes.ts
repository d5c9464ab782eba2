/**
 * The widget's size and launcher figures (issue #5), as the tables `run.ts` prints and
 * bench/README.md keeps. Sizes come from widget/scripts/bundle-graph.mjs, the same walk of
 * dist/'s import graph the widget build uses to enforce its budgets.
 */
import { BUDGETS, type BundleSizes } from "../../widget/scripts/bundle-graph.mjs";

export { BUDGETS, type BundleSizes };

/** One page load, in ms since navigation start (performance.now() in the page). */
export interface LoadTiming {
  /** `voice-agent.js` requested. */
  scriptStart: number;
  /** `voice-agent:ready`: the config arrived. */
  ready: number;
  /** The first frame with the launcher in it has been painted. */
  launcher: number;
  /** After a click on the launcher: the dialog is painted with focus inside it. */
  opened: number;
  /** When the click was sent. */
  clicked: number;
  /** Widget files fetched before the launcher was painted, and their bytes on the wire. */
  filesBefore: string[];
  bytesBefore: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  const lower = sorted[middle - 1] ?? upper;
  return sorted.length % 2 === 1 ? upper : (lower + upper) / 2;
}

/** The medians a set of runs is summed up by. */
export function summarise(runs: readonly LoadTiming[]) {
  const of = (pick: (run: LoadTiming) => number) => Math.round(median(runs.map(pick)));
  return {
    runs: runs.length,
    scriptToLauncher: of((run) => run.launcher - run.scriptStart),
    navigationToLauncher: of((run) => run.launcher),
    scriptToReady: of((run) => run.ready - run.scriptStart),
    clickToOpen: of((run) => run.opened - run.clicked),
    bytesBefore: of((run) => run.bytesBefore),
  };
}

const row = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;

/** Every file of one build: raw and gzip -9 bytes, and when a page loads it. */
export function fileTable(sizes: BundleSizes): string {
  const lines = [row(["file", "bytes", "gzip -9", "loaded"]), row(["---", "---:", "---:", "---"])];
  for (const file of sizes.files) {
    const when = file.after ? `${file.when}, after ${file.after}` : file.when;
    lines.push(row([file.name, file.bytes, file.gzip, when]));
  }
  return lines.join("\n");
}

/** The budgeted sums (gzip -9 bytes) of one or more builds side by side. */
export function budgetTable(
  builds: readonly (readonly [label: string, sizes: BundleSizes])[],
): string {
  const figures: [string, (sizes: BundleSizes) => number, number | null][] = [
    ["before interaction", (s) => s.preInteraction.gzip, BUDGETS.preInteraction],
    ["lazy (panel, call, providers, worklets)", (s) => s.lazy.gzip, null],
    ["all files", (s) => s.total, BUDGETS.total],
  ];
  const lines = [
    row(["gzip -9 bytes", ...builds.map(([label]) => label), "budget"]),
    row(["---", ...builds.map(() => "---:"), "---:"]),
  ];
  for (const [name, pick, budget] of figures) {
    lines.push(row([name, ...builds.map(([, sizes]) => pick(sizes)), budget ?? "–"]));
  }
  return lines.join("\n");
}

/** Median load figures per build and network profile. */
export function timingTable(
  results: readonly { build: string; profile: string; runs: readonly LoadTiming[] }[],
): string {
  const lines = [
    row([
      "build",
      "profile",
      "runs",
      "script → launcher ms",
      "navigation → launcher ms",
      "script → ready ms",
      "click → dialog ms",
      "bytes before launcher",
    ]),
    row(["---", "---", "---:", "---:", "---:", "---:", "---:", "---:"]),
  ];
  for (const { build, profile, runs } of results) {
    const s = summarise(runs);
    lines.push(
      row([
        build,
        profile,
        s.runs,
        s.scriptToLauncher,
        s.navigationToLauncher,
        s.scriptToReady,
        s.clickToOpen,
        s.bytesBefore,
      ]),
    );
  }
  return lines.join("\n");
}
