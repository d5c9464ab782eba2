import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin, transformWithEsbuild } from "vite";

const require = createRequire(import.meta.url);
const local = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Audio worklets ship as plain files in `dist/worklets/` (served from the API origin), so
 * a page's CSP never has to allow `blob:` or `data:` scripts. They are minified like the
 * chunks; a banner keeps where each one comes from.
 */
function worklets(): Plugin {
  const files: Record<string, [path: string, origin: string]> = {
    "pcm16-capture.js": [local("./src/call/worklets/pcm16-capture.js"), "Parley"],
    "rawAudioProcessor.js": [
      require.resolve("@elevenlabs/client/worklets/rawAudioProcessor.js"),
      "@elevenlabs/client (MIT), mu-law from wavefile (MIT)",
    ],
    "audioConcatProcessor.js": [
      require.resolve("@elevenlabs/client/worklets/audioConcatProcessor.js"),
      "@elevenlabs/client (MIT), mu-law from wavefile (MIT)",
    ],
  };
  return {
    name: "parley-worklets",
    async generateBundle() {
      for (const [name, [path, origin]] of Object.entries(files)) {
        const { code } = await transformWithEsbuild(readFileSync(path, "utf8"), path, {
          minify: true,
          target: "es2022",
          format: "esm",
          banner: `/* ${name}: ${origin} */`,
        });
        this.emitFile({ type: "asset", fileName: `worklets/${name}`, source: code });
      }
    },
  };
}

/**
 * `@elevenlabs/client` modules Parley never runs, replaced by the stubs in `src/vendor/`:
 * its WebRTC connection and audio adapter (we use its WebSocket), and the worklet sources it
 * inlines for `blob:` loading (we load the files in `dist/worklets/`).
 */
function elevenLabsStubs(): Plugin {
  const stubs: Record<string, string> = {
    "utils/WebRTCConnection.js": local("./src/vendor/elevenlabs-webrtc.ts"),
    "platform/web/webAudioAdapter.js": local("./src/vendor/elevenlabs-webrtc.ts"),
    "platform/web/rawAudioProcessor.generated.js": local("./src/vendor/elevenlabs-worklets.ts"),
    "platform/web/audioConcatProcessor.generated.js": local("./src/vendor/elevenlabs-worklets.ts"),
  };
  return {
    name: "parley-elevenlabs-stubs",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (!importer?.includes("/@elevenlabs/client/dist/")) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const id = resolved?.id ?? "";
      const stub = Object.entries(stubs).find(([path]) => id.endsWith(`/dist/${path}`));
      return stub ? stub[1] : null;
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
  plugins: [elevenLabsStubs(), worklets(), minifyChunks(), bootstrap()],
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
        // Rollup names a chunk after its entry file; a folder's `index.ts` gets the folder's
        // name (`panel-…`), so sizes and network logs say what each chunk is.
        chunkFileNames: (chunk) => {
          const index =
            chunk.name === "index"
              ? chunk.moduleIds.find((id) => id.endsWith("/index.ts"))
              : undefined;
          return `${index ? basename(dirname(index)) : "[name]"}-[hash].js`;
        },
      },
    },
  },
});
