import { type Page } from '@playwright/test';

/** WCAG 2.2 AA and everything below it, as axe-core tags them. */
const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; html: string; failureSummary?: string }> };

/**
 * Runs axe-core (from node_modules, injected into the page) and returns the serious and
 * critical WCAG A/AA violations (`allImpacts`: every one), each node named by its CSS selector.
 */
export const seriousViolations = async (page: Page, options: { exclude?: string[][]; allImpacts?: boolean } = {}): Promise<AxeViolation[]> => {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations: AxeViolation[] = await page.evaluate(
    async ({ tags, exclude }) => {
      const axe = (window as any).axe;
      const result = await axe.run(exclude.length ? { include: [['html']], exclude } : document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((violation: any) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node: any) => ({ target: node.target, html: node.html, failureSummary: node.failureSummary })),
      }));
    },
    { tags: WCAG_AA_TAGS, exclude: options.exclude ?? [] },
  );
  return options.allImpacts ? violations : violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
};

/** One line per violation and node, for assertion messages and the report. */
export const describeViolations = (violations: AxeViolation[]) =>
  violations.flatMap((violation) => violation.nodes.map((node) => `${violation.impact} ${violation.id} (${violation.help}) at ${node.target.join(' ')}: ${node.html.slice(0, 160)}`)).join('\n');
