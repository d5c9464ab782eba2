import { defineConfig } from "vitest/config";

// Served by the API server at /dashboard/ (same origin as the API, so cookies just work).
export default defineConfig({
  base: "/dashboard/",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  server: {
    // `vite` in dev proxies the API and the widget to a locally running server.
    proxy: {
      "/v1": "http://localhost:8787",
      "/widget": "http://localhost:8787",
    },
  },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
