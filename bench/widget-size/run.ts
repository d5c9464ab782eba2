/**
 * Widget size and launcher time (issue #5). Reads a built widget (it builds nothing) and
 * prints every file's gzip -9 size and when a page loads it, the budgeted sums, then loads a
 * plain page with the design's snippet in headless Chromium, each run in a fresh context
 * (cold cache), on loopback and on an emulated mobile link, and prints the medians: script
 * request → launcher painted, and first click → dialog painted with focus in it. The config
 * comes from the real server (demo mode, PGlite in a temporary directory).
 *
 * `npx -y pnpm@10 --filter @parley/bench widget-size`
 * env: WIDGET_DIST (default widget/dist), WIDGET_BASELINE_DIST (another build, measured
 * alongside as "baseline"), BENCH_RUNS (default 9 per build and profile), CHROMIUM_PATH.
 */

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { parseEnv } from "../../server/src/env";
import { start } from "../../server/src/main";
import { bundleSizes, readBundle } from "../../widget/scripts/bundle-graph.mjs";
import { type Build, startPages } from "./page";
import { budgetTable, fileTable, type LoadTiming, timingTable } from "./sizes";

const repo = resolve(import.meta.dirname, "..", "..");
const runs = Number(process.env.BENCH_RUNS ?? 9);
const builds: Build[] = [
  { name: "current", dist: process.env.WIDGET_DIST ?? join(repo, "widget", "dist") },
];
if (process.env.WIDGET_BASELINE_DIST) {
  builds.unshift({ name: "baseline", dist: process.env.WIDGET_BASELINE_DIST });
}

for (const build of builds) {
  if (!existsSync(join(build.dist, "voice-agent.js"))) {
    console.error(
      `${build.dist} has no voice-agent.js: build the widget first ` +
        "(npx -y pnpm@10 --filter @parley/widget build).",
    );
    process.exit(1);
  }
}

/** Emulated links: Chromium DevTools throttling, the same for every request of the page. */
const profiles = [
  { name: "loopback", network: null, cpu: 1 },
  {
    // Lighthouse's mobile preset: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, 4× CPU.
    name: "mobile (150 ms RTT, 1.6 Mbit/s, 4× CPU)",
    network: { latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 },
    cpu: 4,
  },
];

// ── sizes ────────────────────────────────────────────────────────────────────────────────
const sizes = builds.map((build) => [build.name, bundleSizes(readBundle(build.dist))] as const);
for (const [name, figures] of sizes)
  console.log(`\n${name} build (gzip -9):\n\n${fileTable(figures)}`);
console.log(`\n${budgetTable(sizes)}`);

// ── launcher time ────────────────────────────────────────────────────────────────────────
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const address = probe.address();
  await new Promise((done) => probe.close(done));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

interface PageFigures {
  ready: number | null;
  launcher: number | null;
  error: string | null;
  resources: { name: string; startTime: number; responseEnd: number; encodedBodySize: number }[];
}

// Strings, not functions: the bench is typechecked without the DOM library.
const settled = "window.bench && (window.bench.launcher !== null || window.bench.error !== null)";
const figures = `({ ...window.bench, resources: performance.getEntriesByType("resource").map((e) =>
  ({ name: e.name, startTime: e.startTime, responseEnd: e.responseEnd, encodedBodySize: e.encodedBodySize })) })`;

async function load(
  browser: Browser,
  base: string,
  build: Build,
  profile: (typeof profiles)[number],
) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (profile.network) {
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, ...profile.network });
    }
    if (profile.cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
    await page.goto(`${base}/${build.name}/`);
    await page.waitForFunction(settled, null, { timeout: 60_000 });
    const seen = await page.evaluate<PageFigures>(figures);
    if (seen.error || seen.launcher === null || seen.ready === null) {
      throw new Error(`the widget did not draw its launcher (${seen.error ?? "no launcher"})`);
    }
    const launcher = seen.launcher;
    const widget = seen.resources.filter((r) => r.name.includes(`/${build.name}/widget/`));
    const script = widget.find((r) => r.name.endsWith("/voice-agent.js"));
    const before = widget.filter((r) => r.responseEnd <= launcher);
    const { clicked, opened } = await page.evaluate<{ clicked: number; opened: number }>(
      "window.benchOpen()",
    );
    const timing: LoadTiming = {
      scriptStart: script?.startTime ?? Number.NaN,
      ready: seen.ready,
      launcher,
      clicked,
      opened,
      filesBefore: before.map((r) => r.name.slice(r.name.lastIndexOf("/widget/") + 8)),
      bytesBefore: before.reduce((total, r) => total + r.encodedBodySize, 0),
    };
    return timing;
  } finally {
    await context.close();
  }
}

const pages = await startPages(builds);
const dataDir = mkdtempSync(join(tmpdir(), "parley-widget-size-"));
const port = await freePort();
const started = await start(
  parseEnv({
    PARLEY_MODE: "demo",
    PORT: String(port),
    HOST: "127.0.0.1",
    // The pages' origin: the demo key and agents allow it.
    PUBLIC_URL: pages.base,
    PARLEY_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
  }),
);
let browser: Browser | null = null;
try {
  const demo = started.demo;
  const agent = demo?.agents[0];
  if (!demo || !agent) throw new Error("the demo seed did not run");
  pages.use({
    api: `http://127.0.0.1:${port}`,
    agent: agent.id,
    publishableKey: demo.publishableKey,
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  const results: { build: string; profile: string; runs: LoadTiming[] }[] = [];
  for (const profile of profiles) {
    const byBuild = builds.map((build) => ({ build, timings: [] as LoadTiming[] }));
    for (const { build } of byBuild) await load(browser, pages.base, build, profile); // warm-up
    // Builds take turns, so a busy moment on the machine does not land on one build only.
    for (let i = 0; i < runs; i++) {
      for (const { build, timings } of byBuild) {
        timings.push(await load(browser, pages.base, build, profile));
      }
    }
    for (const { build, timings } of byBuild) {
      results.push({ build: build.name, profile: profile.name, runs: timings });
      const files = timings[0]?.filesBefore.join(", ");
      console.log(`${build.name}, ${profile.name}: fetched before the launcher: ${files}`);
    }
  }
  console.log(`\n${timingTable(results)}`);
  const dir = join(repo, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `widget-size-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify({ runs, sizes: Object.fromEntries(sizes), results }, null, 2));
  console.log(`\nraw results: ${file}`);
} finally {
  await browser?.close();
  await started.close();
  pages.server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
