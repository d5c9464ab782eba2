import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin, transformWithEsbuild } from "vite";

const require = createRequire(import.meta.url);
const local = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Audio worklets ship as plain files in `dist/worklets/` (served from the API origin), so
 * a page's CSP never has to allow `blob:` or `data:` scripts.
 */
function worklets(): Plugin {
  const files: Record<string, string> = {
    "pcm16-capture.js": local("./src/call/worklets/pcm16-capture.js"),
    "rawAudioProcessor.js": require.resolve("@elevenlabs/client/worklets/rawAudioProcessor.js"),
    "audioConcatProcessor.js": require.resolve(
      "@elevenlabs/client/worklets/audioConcatProcessor.js",
    ),
  };
  return {
    name: "parley-worklets",
    generateBundle() {
      for (const [name, path] of Object.entries(files)) {
        this.emitFile({ type: "asset", fileName: `worklets/${name}`, source: readFileSync(path) });
      }
    },
  };
}

const MODULE_ENTRY = "voice-agent.module.js";

/**
 * The design's snippet is a classic `<script src=".../voice-agent.js" async>`, which cannot
 * load an ES module. `src/boot.ts` becomes that file: transformed alone to an IIFE (it has
 * only type imports), it sets up the queue and `import()`s the module entry beside it.
 */
function bootstrap(): Plugin {
  const source = local("./src/boot.ts");
  return {
    name: "parley-bootstrap",
    buildStart() {
      this.addWatchFile(source);
    },
    async generateBundle(_options, bundle) {
      if (!(MODULE_ENTRY in bundle)) this.error(`the module entry ${MODULE_ENTRY} is missing`);
      const result = await transformWithEsbuild(readFileSync(source, "utf8"), source, {
        format: "iife",
        target: "es2020",
        minify: true,
      });
      this.emitFile({ type: "asset", fileName: "voice-agent.js", source: result.code });
    },
  };
}

/**
 * Vite keeps whitespace in library-mode ES output (for pure annotations the page's own
 * bundler might use); this bundle is served to browsers as is, so minify it fully.
 */
function minifyChunks(): Plugin {
  return {
    name: "parley-minify",
    async renderChunk(code, chunk) {
      const result = await transformWithEsbuild(code, chunk.fileName, {
        minify: true,
        target: "es2022",
        format: "esm",
        sourcemap: true,
      });
      return { code: result.code, map: result.map };
    },
  };
}

export default defineConfig({
  resolve: {
    // Keep WebRTC out of the bundle: we only use ElevenLabs over WebSocket.
    alias: { "livekit-client": local("./src/vendor/livekit-client.ts") },
  },
  publicDir: false,
  plugins: [worklets(), minifyChunks(), bootstrap()],
  build: {
    // "esnext" + no minify keeps Vite's own (whitespace-preserving) pass out; ours targets es2022.
    target: "esnext",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: local("./src/loader.ts"),
      formats: ["es"],
      fileName: () => MODULE_ENTRY,
    },
    minify: false,
    rollupOptions: {
      // Let the lazy chunks import shared code (lit) from the entry itself: one request
      // for the launcher instead of an entry that re-exports a second file.
      preserveEntrySignatures: "allow-extension",
      output: {
        // Chunks sit beside the entry so relative imports and worklets/ resolve the same way.
        chunkFileNames: "[name]-[hash].js",
      },
    },
  },
});
