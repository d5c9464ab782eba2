// What a page downloads of the built widget, and when: follows the import graph of dist/
// from the script tag's bootstrap, the way a browser does, and sizes every file with gzip -9.
// Used by check-bundle.mjs (the build's budgets) and bench/widget-size (the figures).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";

export const BOOT = "voice-agent.js";
export const MODULE_ENTRY = "voice-agent.module.js";
const WORKLETS = "worklets/";

/**
 * Issue #5's budgets, in gzip -9 bytes: what every page with the widget downloads before the
 * visitor does anything (the bootstrap, the module entry and what it imports statically);
 * every file, call UI, both provider clients and the worklets included; the bootstrap alone.
 */
export const BUDGETS = { preInteraction: 10 * 1024, total: 40 * 1024, boot: 1024 };

/** Bytes over the wire with gzip at its best level (`gzip -9`), the budgets' measure. */
export function gzipSize(content) {
  return gzipSync(content, { level: 9 }).length;
}

// Minified ES modules: `import{a as b}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`,
// `import("./x.js")`. Only relative specifiers: they are the bundle's own files.
const staticImport = /\bimport\s*(?:[\w$*{},\s]+?from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
const reExport =
  /\bexport\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*["'](\.{1,2}\/[^"']+)["']/g;
const dynamicImport = /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

const specifiers = (code, pattern) => [...code.matchAll(pattern)].map((match) => match[1]);
const resolve = (from, specifier) => posix.normalize(posix.join(posix.dirname(from), specifier));

/** The files `name` imports statically and dynamically, as paths inside dist/. */
export function importsOf(name, code) {
  return {
    static: [...specifiers(code, staticImport), ...specifiers(code, reExport)].map((s) =>
      resolve(name, s),
    ),
    dynamic: specifiers(code, dynamicImport).map((s) => resolve(name, s)),
  };
}

const sum = (names, sizes) => names.reduce((total, name) => total + (sizes.get(name) ?? 0), 0);

/**
 * Sizes a built widget given as `{ "path/in/dist.js": content }` (JavaScript only, no maps).
 * Before interaction: the bootstrap, the module entry it imports, and everything those import
 * statically. Every other chunk is reached by a dynamic `import()` from a chunk that is
 * loaded before it (`after`); a worklet is loaded by the chunk that names its file (`after`).
 */
export function bundleSizes(files) {
  const names = Object.keys(files).sort();
  const sizes = new Map(names.map((name) => [name, gzipSize(files[name])]));
  const code = new Map(names.map((name) => [name, String(files[name])]));
  const graph = new Map(names.map((name) => [name, importsOf(name, code.get(name))]));
  const closure = (roots) => {
    const seen = new Set();
    const visit = (name) => {
      if (seen.has(name) || !sizes.has(name)) return;
      seen.add(name);
      for (const next of graph.get(name).static) visit(next);
    };
    for (const root of roots) visit(root);
    return seen;
  };

  const pre = closure([BOOT, MODULE_ENTRY]);
  // Breadth first from the pre-interaction set, so each file is credited to the chunk
  // whose `import()` first brings it in.
  const after = new Map();
  const reached = new Set(pre);
  const queue = [...pre];
  while (queue.length > 0) {
    const from = queue.shift();
    for (const target of graph.get(from).dynamic) {
      if (reached.has(target) || !sizes.has(target)) continue;
      for (const name of closure([target])) {
        if (!reached.has(name)) after.set(name, from);
        reached.add(name);
      }
      queue.push(target);
    }
  }
  for (const worklet of names.filter((name) => name.startsWith(WORKLETS))) {
    const file = `"${worklet.slice(WORKLETS.length)}"`;
    const user = names.find((name) => !name.startsWith(WORKLETS) && code.get(name).includes(file));
    if (user) after.set(worklet, user);
  }

  const rows = names.map((name) => ({
    name,
    bytes: Buffer.byteLength(files[name]),
    gzip: sizes.get(name),
    when: pre.has(name) ? "before interaction" : after.has(name) ? "lazy" : "never loaded",
    after: after.get(name) ?? null,
  }));
  const lazy = rows.filter((row) => row.when !== "before interaction").map((row) => row.name);
  return {
    files: rows,
    preInteraction: { files: [...pre].sort(), gzip: sum([...pre], sizes) },
    lazy: { files: lazy, gzip: sum(lazy, sizes) },
    total: sum(names, sizes),
  };
}

/** Every `.js` file under `dist` (source maps and other assets left out), by path inside it. */
export function readBundle(dist) {
  const files = {};
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".js"))
        files[relative(dist, path).split(sep).join("/")] = readFileSync(path);
    }
  };
  walk(dist);
  return files;
}
