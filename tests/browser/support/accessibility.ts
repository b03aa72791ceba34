import * as fs from 'fs';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue } from 'axe-core';

declare global {
  interface Window {
    axe?: { run(context: Document, options: unknown): Promise<AxeResults> };
  }
}

/**
 * The plugin's own elements on the agent desktop: the badge (its row anchor and pill, with their hidden texts) and
 * the header controls. Everything else on the page is Flex's (or the sandbox's).
 */
export const PLUGIN_ELEMENTS = '[data-placement], [data-look], [data-compact]';

/** One element axe flagged for one rule. */
export interface AxeFinding {
  readonly rule: string;
  readonly impact: ImpactValue | null;
  readonly target: string;
  readonly summary: string;
  /** Inside the plugin's own elements (PLUGIN_ELEMENTS), or an ARIA finding on Flex's row the plugin describes. */
  readonly plugin: boolean;
}

/**
 * Runs axe-core (WCAG 2.x A and AA, best practices, and the label-in-name rule, which axe ships switched off) on the
 * whole page and sorts its violations into the plugin's and Flex's, one finding per flagged element.
 */
export async function runAxe(page: Page): Promise<AxeFinding[]> {
  if ((await page.evaluate(() => window.axe === undefined)) === true) {
    await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  }
  return page.evaluate(async (pluginSelector) => {
    const axe = window.axe;
    if (axe === undefined) throw new Error('axe-core did not load');
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      rules: { 'label-content-name-mismatch': { enabled: true } },
      resultTypes: ['violations'],
    });
    const pluginIds = new Set(
      Array.from(document.querySelectorAll(pluginSelector), (root) =>
        Array.from(root.querySelectorAll('[id]'), (element) => element.id),
      ).flat(),
    );
    // Flex's row is the plugin's concern only for ARIA rules, through the description the plugin gives it.
    const isPlugin = (element: Element | null, rule: string): boolean => {
      if (element === null) return false;
      if (element.closest(pluginSelector) !== null) return true;
      if (!rule.startsWith('aria-')) return false;
      const describedBy = element.getAttribute('aria-describedby') ?? '';
      return describedBy.split(/\s+/).some((id) => id !== '' && pluginIds.has(id));
    };
    return results.violations.flatMap((violation) =>
      violation.nodes.map((node) => {
        const selector = node.target.map(String).join(' >>> ');
        const element = typeof node.target[0] === 'string' ? document.querySelector(node.target[0]) : null;
        return {
          rule: violation.id,
          impact: node.impact ?? violation.impact ?? null,
          target: selector,
          summary: `${node.html.slice(0, 160)} ${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`,
          plugin: isPlugin(element, violation.id),
        };
      }),
    );
  }, PLUGIN_ELEMENTS);
}

/** Serious or critical: what fails the test when it is the plugin's. */
export function isSerious(finding: AxeFinding): boolean {
  return finding.impact === 'serious' || finding.impact === 'critical';
}

/** rule id -> count, for the report. */
export function countByRule(findings: readonly AxeFinding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { rule, impact } of findings) {
    const key = `${rule} (${impact ?? '?'})`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Relative luminance of an sRGB colour (WCAG 2.x). */
type Rgb = readonly [number, number, number];

function luminance([r, g, b]: Rgb): number {
  const channel = (value: number): number => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** Parses `rgb(...)`/`rgba(...)`; alpha is given as the fourth number (1 when absent). */
export function parseRgb(css: string): readonly [number, number, number, number] {
  const [r, g, b, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
  if (r === undefined || g === undefined || b === undefined) throw new Error(`not an rgb colour: ${css}`);
  return [r, g, b, a];
}

/** `top` painted over `bottom` (both rgb(a); bottom opaque). */
export function composite(top: string, bottom: string): Rgb {
  const [r, g, b, a] = parseRgb(top);
  const [br, bg, bb] = parseRgb(bottom);
  return [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a)];
}

/** WCAG contrast ratio of two opaque colours. */
export function contrastRatio(first: Rgb, second: Rgb): number {
  const [one, two] = [luminance(first), luminance(second)];
  return (Math.max(one, two) + 0.05) / (Math.min(one, two) + 0.05);
}
