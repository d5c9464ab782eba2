import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiDocsPath, renderApiDocs } from "./api-docs";

describe("docs/api.md", () => {
  it("matches the routes (regenerate with `pnpm --filter @parley/server docs:api`)", async () => {
    const generated = await renderApiDocs();
    expect(generated).toContain("### `POST /v1/widget/sessions`");
    expect(readFileSync(apiDocsPath, "utf8")).toBe(generated);
  });
});
