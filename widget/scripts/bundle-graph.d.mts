// Types for bundle-graph.mjs, so TypeScript callers (bench/widget-size) are checked.

export declare const BOOT: "voice-agent.js";
export declare const MODULE_ENTRY: "voice-agent.module.js";
/** Issue #5's budgets, gzip -9 bytes. */
export declare const BUDGETS: { preInteraction: number; total: number; boot: number };

export interface BundleFile {
  /** Path inside dist/, `/`-separated. */
  name: string;
  bytes: number;
  /** gzip -9 bytes. */
  gzip: number;
  when: "before interaction" | "lazy" | "never loaded";
  /** The chunk whose `import()` (or worklet URL) loads it; null before interaction. */
  after: string | null;
}

export interface FileSet {
  files: string[];
  gzip: number;
}

export interface BundleSizes {
  files: BundleFile[];
  preInteraction: FileSet;
  lazy: FileSet;
  /** gzip -9 bytes of every file. */
  total: number;
}

export declare function gzipSize(content: string | Uint8Array): number;
export declare function importsOf(
  name: string,
  code: string,
): { static: string[]; dynamic: string[] };
export declare function bundleSizes(files: Record<string, string | Uint8Array>): BundleSizes;
export declare function readBundle(dist: string): Record<string, Buffer>;
