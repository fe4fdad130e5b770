import { expect, test } from './support/fixtures';
import { describeViolations, seriousViolations } from './support/axe';
import { pagePath, type PageKind } from '../../site/src/page-types';

const LOCALES = ['en', 'fr', 'de', 'cs', 'zh-Hans'];

/**
 * The reference site in Chromium: every page type in every locale passes axe-core's WCAG 2.2 AA
 * rules (all impacts, not only serious ones), and a keyboard alone gets from the top of a page to
 * its content and into another language.
 */
test.describe('reference site', () => {
  // The site's Content-Security-Policy would block the injected axe-core.
  test.use({ bypassCSP: true });

  const firstSlug = async (appUrl: string, apiPath: string) =>
    ((await (await fetch(`${appUrl}/api/${apiPath}?locale=en&sort=slug&pagination[pageSize]=1&fields[0]=slug`)).json()) as any).data[0].slug as string;

  test('every page type in every locale passes axe (WCAG 2.2 AA)', async ({ page, appUrl, siteUrl }) => {
    const pages: Array<[PageKind, string | undefined]> = [
      ['home', undefined],
      ['partnership', 'leeds-lille'],
      ['project', await firstSlug(appUrl, 'projects')],
      ['theme', 'peace'],
      ['city', 'brno'],
    ];
    const report: string[] = [];
    for (const locale of LOCALES) {
      for (const [kind, slug] of pages) {
        const path = pagePath(locale, kind, slug);
        const response = await page.goto(`${siteUrl}${path}`);
        expect(response?.status(), path).toBe(200);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        const violations = await seriousViolations(page, { allImpacts: true });
        expect(violations, `${path}\n${describeViolations(violations)}`).toEqual([]);
        report.push(path);
        if (kind === 'home' || kind === 'partnership') await page.screenshot({ path: `test-results/screens/site-${kind}-${locale}.png`, fullPage: true });
      }
    }
    for (const path of ['/fr/cities/no-such-city', `/preview?uid=x`]) {
      await page.goto(`${siteUrl}${path}`);
      const violations = await seriousViolations(page, { allImpacts: true });
      expect(violations, `${path}\n${describeViolations(violations)}`).toEqual([]);
    }
    expect(report).toHaveLength(LOCALES.length * pages.length);
  });
});

// Without bypassCSP: the site's own Content-Security-Policy must let its scripts run.
test.describe('reference site, as served', () => {
  test('by keyboard alone: skip to the content, then switch language; no script is blocked', async ({ page, siteUrl }) => {
    const consoleErrors: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && consoleErrors.push(message.text())));
    await page.goto(`${siteUrl}/en/partnerships/leeds-lille`);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main-content')).toBeFocused();

    await page.goto(`${siteUrl}/en/partnerships/leeds-lille`);
    const french = page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Français' });
    for (let presses = 0; presses < 10 && !(await french.evaluate((element) => element === document.activeElement)); presses += 1) await page.keyboard.press('Tab');
    await expect(french).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`${siteUrl}/fr/partnerships/leeds-lille`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Leeds et Lille');
    await expect(page.getByRole('navigation', { name: 'Langue' }).getByText('English')).toHaveAttribute('lang', 'en');
    expect(consoleErrors).toEqual([]);
  });
});
