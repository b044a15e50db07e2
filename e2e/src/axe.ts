import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page, Request } from 'playwright-core';
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

/** Requests in flight per page (of its current document), and when the last one ended. */
interface Traffic {
  inFlight: Set<Request>;
  quietSince: number;
}
const traffic = new WeakMap<Page, Traffic>();

function watch(page: Page): Traffic {
  let state = traffic.get(page);
  if (!state) {
    const s: Traffic = { inFlight: new Set(), quietSince: Date.now() };
    const done = (request: Request) => {
      if (s.inFlight.delete(request) && s.inFlight.size === 0) s.quietSince = Date.now();
    };
    page.on('request', (request) => s.inFlight.add(request));
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    // a new document: what the old one asked no longer matters (a navigation may leave it unanswered)
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      s.inFlight = new Set([...s.inFlight].filter((r) => r.isNavigationRequest()));
      s.quietSince = Date.now();
    });
    traffic.set(page, s);
    state = s;
  }
  return state;
}

/**
 * Waits until the page has asked nothing of the network for `quietMs` (the page's queries answered, and those they
 * led to): Playwright's `networkidle` waits 500 ms, which a test that visits sixty pages pays sixty times.
 */
export async function settled(page: Page, quietMs = 150, timeoutMs = 15_000): Promise<void> {
  const state = watch(page);
  const deadline = Date.now() + timeoutMs;
  while (state.inFlight.size > 0 || Date.now() - state.quietSince < quietMs) {
    if (Date.now() > deadline) {
      const urls = [...state.inFlight].map((r) => r.url());
      throw new Error(`${page.url()} never settled; in flight: ${urls.join(', ')}`);
    }
    await page.waitForTimeout(25);
  }
}

/** Starts counting the page's requests: call it before the first navigation that {@link settled} will wait for. */
export const watchTraffic = (page: Page): void => void watch(page);

/**
 * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA, and axe's best practices) on the page once it has settled, and returns its
 * violations. The page keeps axe for the next call (an SPA navigation keeps the window).
 */
export async function axeViolations(page: Page, rules: readonly string[] | null = null): Promise<Violation[]> {
  await settled(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: source });
  const runOnly = rules
    ? { type: 'rule', values: [...rules] }
    : { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] };
  const results = await page.evaluate(
    (only) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(
        document,
        { runOnly: only, resultTypes: ['violations'] },
      ),
    runOnly,
  );
  return results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    summary: v.nodes[0]?.failureSummary?.split('\n').slice(0, 3).join(' ') ?? '',
  }));
}

/**
 * The rules whose outcome can change with the language: names, labels, titles and the contrast of text whose length
 * changes. The second language's round runs these only (the structure of a page does not change with its words).
 */
export const LANGUAGE_RULES = [
  'color-contrast',
  'button-name',
  'link-name',
  'label',
  'label-content-name-mismatch',
  'aria-input-field-name',
  'aria-toggle-field-name',
  'select-name',
  'input-button-name',
  'document-title',
  'html-lang-valid',
  'image-alt',
  'empty-heading',
  'empty-table-header',
] as const;

/** Violations as lines a developer can act on. */
export const describeViolations = (where: string, violations: Violation[]): string =>
  violations
    .map((v) => `${where}: ${v.rule} (${v.impact}) ${v.help} — ${v.targets.join(' | ')} — ${v.summary}`)
    .join('\n');
