import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';

/** axe-core's browser build, read once and injected into each page that is checked. */
const source = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One rule that failed on a page, with where (a few selectors) and why, enough to find it in the code. */
export interface Violation {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
  summary: string;
}

/**
 * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA, and axe's best practices) on the page as it is now, after it has settled,
 * and returns its violations. The page keeps axe for the next call (an SPA navigation keeps the window).
 */
export async function axeViolations(page: Page): Promise<Violation[]> {
  await page.waitForLoadState('networkidle');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: source });
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    }),
  );
  return results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    summary: v.nodes[0]?.failureSummary?.split('\n').slice(0, 3).join(' ') ?? '',
  }));
}

/** Violations as lines a developer can act on. */
export const describeViolations = (where: string, violations: Violation[]): string =>
  violations
    .map((v) => `${where}: ${v.rule} (${v.impact}) ${v.help} — ${v.targets.join(' | ')} — ${v.summary}`)
    .join('\n');
