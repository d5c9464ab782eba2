#!/usr/bin/env node
// Fails the build when a size budget (issue #5, gzip -9) is exceeded, WebRTC (livekit-client)
// or an inlined worklet leaked into the chunks, a file uses eval, or the script-tag bootstrap
// is not a classic script; prints every file's gzip -9 size and when a page loads it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import { BOOT, BUDGETS, bundleSizes, MODULE_ENTRY, readBundle } from "./bundle-graph.mjs";

const dist = fileURLToPath(new URL("../dist", import.meta.url));
const { preInteraction: PRE_INTERACTION_BUDGET, total: TOTAL_BUDGET, boot: BOOT_BUDGET } = BUDGETS;
// Strings only the real livekit-client contains (its SDK name, its signalling classes).
const livekitMarkers = ["LivekitError", "SignalClient", "RTCEngine", "LocalParticipant"];

const files = readBundle(dist);
const sizes = bundleSizes(files);
const problems = [];

console.log("gzip -9 sizes:");
for (const file of sizes.files) {
  const when = file.after ? `${file.when}, after ${file.after}` : file.when;
  console.log(`  ${file.name.padEnd(36)} ${String(file.gzip).padStart(6)} B  ${when}`);
  const text = String(files[file.name]);
  const found = livekitMarkers.filter((marker) => text.includes(marker));
  if (found.length > 0)
    problems.push(`${file.name} contains livekit-client code (${found.join(", ")})`);
  if (/\beval\(|new Function\(/.test(text)) problems.push(`${file.name} uses eval or new Function`);
  // Worklets are files of their own (CSP: no blob: scripts); a chunk must not carry one.
  if (!file.name.startsWith("worklets/") && text.includes("registerProcessor(")) {
    problems.push(`${file.name} inlines an audio worklet`);
  }
}
console.log(
  `  before interaction ${sizes.preInteraction.gzip} B (budget ${PRE_INTERACTION_BUDGET})`,
);
console.log(`  all files          ${sizes.total} B (budget ${TOTAL_BUDGET})`);

for (const name of [BOOT, MODULE_ENTRY]) {
  if (!(name in files)) problems.push(`${name} is missing`);
}
const boot = sizes.files.find((file) => file.name === BOOT);
if (boot && boot.gzip > BOOT_BUDGET) {
  problems.push(`${BOOT} is ${boot.gzip} B gzip -9, over its ${BOOT_BUDGET} B budget`);
}
if (sizes.preInteraction.gzip > PRE_INTERACTION_BUDGET) {
  problems.push(
    `what a page loads before interaction (${sizes.preInteraction.files.join(", ")}) is ` +
      `${sizes.preInteraction.gzip} B gzip -9, over its ${PRE_INTERACTION_BUDGET} B budget`,
  );
}
if (sizes.total > TOTAL_BUDGET) {
  problems.push(`all files are ${sizes.total} B gzip -9, over the ${TOTAL_BUDGET} B budget`);
}

// `<script src=".../voice-agent.js" async>` runs it as a classic script: a top-level
// `import`/`export` or `import.meta` would be a syntax error there. Compiling (not running)
// it as a vm.Script fails on exactly those; dynamic `import()` is allowed.
try {
  const source = readFileSync(join(dist, BOOT), "utf8");
  new Script(source, { filename: BOOT });
  if (!source.includes(`"${MODULE_ENTRY}"`))
    problems.push(`${BOOT} does not import ${MODULE_ENTRY}`);
} catch (error) {
  if (error instanceof SyntaxError)
    problems.push(`${BOOT} is not a classic script: ${error.message}`);
  else if (error?.code !== "ENOENT") throw error;
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  process.exit(1);
}
console.log(
  "✓ classic bootstrap, no livekit-client, no inlined worklet, no eval, sizes within budget",
);
