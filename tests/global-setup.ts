/**
 * The server serves the widget and the dashboard from their `dist/` folders; build each one
 * that is missing or older than its sources, so the browser runs the code in the tree.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
    latest = Math.max(latest, time);
  }
  return latest;
}

function buildIfStale(pkg: "widget" | "dashboard", marker: string) {
  const dir = join(root, pkg);
  const built = join(dir, "dist", marker);
  const sources = Math.max(newest(join(dir, "src")), statSync(join(dir, "vite.config.ts")).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log(`[e2e] building ${pkg}/dist …`);
  execFileSync(process.execPath, [join(dir, "node_modules", "vite", "bin", "vite.js"), "build"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export default function setup() {
  buildIfStale("widget", "voice-agent.js");
  buildIfStale("dashboard", "index.html");
}
