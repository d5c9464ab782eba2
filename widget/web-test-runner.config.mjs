import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { chromeLauncher } from "@web/test-runner-chrome";
import { transformWithEsbuild } from "vite";

// Debian's Chromium, never a downloaded build; fake media devices stand in for a microphone.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Serves `/boot-under-test/voice-agent.js` built the way vite.config.ts builds the script-tag
 * bootstrap (src/boot.ts alone, as a minified IIFE), beside a `voice-agent.module.js` that is
 * the source loader, so src/boot.test.ts can load it with a classic `<script src>`.
 */
function bootUnderTest() {
  const boot = fileURLToPath(new URL("./src/boot.ts", import.meta.url));
  return {
    name: "boot-under-test",
    async serve(context) {
      if (context.path === "/boot-under-test/voice-agent.js") {
        const source = await readFile(boot, "utf8");
        const options = { format: "iife", target: "es2020", minify: true };
        return { body: (await transformWithEsbuild(source, boot, options)).code, type: "js" };
      }
      if (context.path === "/boot-under-test/voice-agent.module.js") {
        return { body: 'export * from "/src/loader.ts";', type: "js" };
      }
      return undefined;
    },
  };
}

/** The boot test loads the widget from a second origin (127.0.0.1), as a partner page would. */
function allowCrossOrigin(context, next) {
  context.set("access-control-allow-origin", "*");
  return next();
}

export default {
  files: ["src/**/*.test.ts"],
  nodeResolve: true,
  middleware: [allowCrossOrigin],
  plugins: [bootUnderTest(), esbuildPlugin({ ts: true, target: "es2022" })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--no-first-run",
          "--use-fake-ui-for-media-stream",
          "--use-fake-device-for-media-stream",
          "--autoplay-policy=no-user-gesture-required",
        ],
      },
    }),
  ],
  testFramework: { config: { timeout: 5000 } },
};
