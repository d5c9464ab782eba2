#!/usr/bin/env node
// Browser tests drive Debian's Chromium (never a downloaded browser build). Install it
// when missing and we may (root, or passwordless sudo); otherwise say exactly what to run.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(chromium)) process.exit(0);

const run = (cmd) =>
  execSync(cmd, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
const isRoot = process.getuid?.() === 0;
let sudo = "";
if (!isRoot) {
  try {
    execSync("sudo -n true", { stdio: "ignore" });
    sudo = "sudo -n ";
  } catch {
    console.error(
      `Chromium is needed for the browser tests and is not at ${chromium}.\n` +
        "Install it with: sudo apt-get update && sudo apt-get install -y chromium\n" +
        "(or set CHROMIUM_PATH to an existing Chromium/Chrome binary).",
    );
    process.exit(1);
  }
}
console.log("Installing Chromium from Debian's packages for the browser tests…");
run(`${sudo}apt-get update -qq`);
run(`${sudo}apt-get install -y -qq chromium`);
