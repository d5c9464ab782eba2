import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Hang guards, not speed checks: a test that opens its own PGlite (WASM, ~1 s alone) can
    // take far longer when CI's two cores are shared with Chromium or another run.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // PGlite is WASM: a few heavy files at once is the sweet spot on 2 cores.
    maxWorkers: 2,
  },
});
