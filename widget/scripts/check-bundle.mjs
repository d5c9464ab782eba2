#!/usr/bin/env node
// Fails the build when WebRTC (livekit-client) leaked into dist, a file uses eval, the
// script-tag bootstrap is not a classic script, or the bootstrap or module entry grew too
// big; prints the gzip size of every file.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import { gzipSync } from "node:zlib";

const dist = fileURLToPath(new URL("../dist", import.meta.url));
const BOOT = "voice-agent.js";
const MODULE_ENTRY = "voice-agent.module.js";
// The two files every page with the widget downloads before the visitor does anything.
const budgets = { [BOOT]: 1024, [MODULE_ENTRY]: 15 * 1024 };
// Strings only the real livekit-client contains (its SDK name, its signalling classes).
const livekitMarkers = ["LivekitError", "SignalClient", "RTCEngine", "LocalParticipant"];

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".js")) files.push(path);
  }
};
walk(dist);

const problems = [];
console.log("gzip sizes:");
for (const path of files.sort()) {
  const source = readFileSync(path);
  const name = relative(dist, path);
  const gzip = gzipSync(source).length;
  console.log(`  ${name.padEnd(40)} ${(gzip / 1024).toFixed(2).padStart(7)} kB gzip`);
  const text = source.toString("utf8");
  const found = livekitMarkers.filter((marker) => text.includes(marker));
  if (found.length > 0) problems.push(`${name} contains livekit-client code (${found.join(", ")})`);
  if (/\beval\(|new Function\(/.test(text)) problems.push(`${name} uses eval or new Function`);
  const budget = budgets[name];
  if (budget !== undefined && gzip > budget) {
    problems.push(`${name} is ${gzip} B gzip, over its ${budget} B budget`);
  }
}

for (const name of Object.keys(budgets)) {
  if (!files.some((path) => relative(dist, path) === name)) problems.push(`${name} is missing`);
}

// `<script src=".../voice-agent.js" async>` runs it as a classic script: a top-level
// `import`/`export` or `import.meta` would be a syntax error there. Compiling (not running)
// it as a vm.Script fails on exactly those; dynamic `import()` is allowed.
try {
  const boot = readFileSync(join(dist, BOOT), "utf8");
  new Script(boot, { filename: BOOT });
  if (!boot.includes(`"${MODULE_ENTRY}"`)) problems.push(`${BOOT} does not import ${MODULE_ENTRY}`);
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
  "✓ classic bootstrap, no livekit-client, no eval, bootstrap and module entry within budget",
);
