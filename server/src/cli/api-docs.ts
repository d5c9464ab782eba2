/**
 * Writes docs/api.md from the OpenAPI document, so the reference cannot drift from the
 * routes: `pnpm --filter @parley/server docs:api`. A test fails when the file is stale.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { newApp } from "../app";
import { memoryKeyRing } from "../auth/key-ring";
import { openDatabase } from "../db/client";
import { parseEnv, repoRoot } from "../env";
import { silentLogger } from "../logger";
import { createRuntime } from "../runtime";

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses?: Record<string, { description?: string }>;
}

export const apiDocsPath = join(repoRoot, "docs", "api.md");

export async function renderApiDocs(): Promise<string> {
  const database = await openDatabase({ memory: true });
  const env = parseEnv({
    PARLEY_MODE: "demo",
    LOG_LEVEL: "silent",
    PUBLIC_URL: "https://api.example.com",
  });
  const runtime = await createRuntime({
    env,
    database,
    log: silentLogger,
    ring: await memoryKeyRing(),
  });
  try {
    const app = newApp(runtime.services);
    const doc = app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "Parley API", version: "1.0.0" },
    });
    const byTag = new Map<string, string[]>();
    for (const [path, methods] of Object.entries(doc.paths ?? {})) {
      for (const [method, raw] of Object.entries(methods ?? {})) {
        const op = raw as Operation;
        const tag = op.tags?.[0] ?? "other";
        const auth = (op.security ?? []).flatMap((s) => Object.keys(s)).join(" or ") || "none";
        const body = op.requestBody?.content?.["application/json"]?.schema?.$ref?.split("/").pop();
        const responses = Object.entries(op.responses ?? {})
          .map(([status, r]) => `\`${status}\` ${r.description ?? ""}`.trim())
          .join("; ");
        const lines = [
          `### \`${method.toUpperCase()} ${path}\``,
          "",
          op.summary ?? "",
          "",
          `- auth: ${auth}`,
          ...(body ? [`- body: \`${body}\``] : []),
          `- responses: ${responses}`,
          "",
        ];
        byTag.set(tag, [...(byTag.get(tag) ?? []), lines.join("\n")]);
      }
    }
    const sections = [...byTag.entries()].map(([tag, ops]) => `## ${tag}\n\n${ops.join("\n")}`);
    return [
      "# Parley API reference",
      "",
      "Generated from the OpenAPI document by `pnpm --filter @parley/server docs:api`; do not edit.",
      "Run the server and open `/docs` for the interactive version with every schema.",
      "Errors are RFC 9457 problem+json with a stable `code` (see `packages/types/src/errors.ts`).",
      "",
      ...sections,
    ].join("\n");
  } finally {
    await runtime.close();
    await database.close();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  writeFileSync(apiDocsPath, await renderApiDocs());
  console.log(`Wrote ${apiDocsPath}`);
}
