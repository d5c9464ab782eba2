/**
 * axe-core in the page. It is not a dependency of this workspace: the widget's
 * @open-wc/testing brings it into the store, and the test that needs it skips when absent.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

const store = fileURLToPath(new URL("../../../node_modules/.pnpm/", import.meta.url));

function findAxe(): string | null {
  if (!existsSync(store)) return null;
  const dir = readdirSync(store)
    .filter((name) => name.startsWith("axe-core@"))
    .sort()
    .pop();
  const file = dir ? join(store, dir, "node_modules", "axe-core", "axe.min.js") : null;
  return file && existsSync(file) ? file : null;
}

export const axePath = findAxe();

declare global {
  interface Window {
    axe?: {
      run(
        context: Document | { include: string[][] },
        options: { resultTypes: string[]; rules: Record<string, { enabled: boolean }> },
      ): Promise<{ violations: AxeViolation[] }>;
    };
  }
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

export interface AxeScope {
  /** Only these elements (and their open shadow roots); default the whole document. */
  include?: string;
  /** Rules not to run, each with a reason at the call site. */
  disable?: string[];
}

/**
 * Runs axe (open shadow roots included) and answers one line per violation, so a failing
 * expectation says what and where.
 */
export async function axeViolations(page: Page, scope: AxeScope = {}): Promise<string[]> {
  if (!axePath) throw new Error("axe-core is not installed");
  if (!(await page.evaluate(() => Boolean(window.axe)))) {
    await page.addScriptTag({ path: axePath });
  }
  const violations = await page.evaluate(
    async ({ include, disable }) => {
      const axe = window.axe;
      if (!axe) throw new Error("axe did not load");
      const rules = Object.fromEntries(disable.map((id) => [id, { enabled: false }]));
      const result = await axe.run(include ? { include: [[include]] } : document, {
        resultTypes: ["violations"],
        rules,
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => JSON.stringify(n.target)),
      }));
    },
    { include: scope.include ?? null, disable: scope.disable ?? [] },
  );
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.slice(0, 5).join(", ")}`,
  );
}
