import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "sessions/**/*.test.ts",
      "webhooks/**/*.test.ts",
      "usage/**/*.test.ts",
      "widget-size/**/*.test.ts",
    ],
  },
});
