import crypto from 'crypto';
import { expect, test } from './support/fixtures';
import { CITY, cityDocumentId } from './support/content';
import { submitDocument } from './support/panel';

/**
 * Staff see what they publish: the edit view's Preview opens the reference site on a signed link,
 * showing the draft; the public site keeps the published text until Publish.
 */
test.describe('preview', () => {
  const summaryField = (page: import('@playwright/test').Page) => page.getByRole('textbox', { name: 'Summary', exact: true });
  const publicSummary = async (siteUrl: string, path: string) => (await (await fetch(`${siteUrl}${path}`)).text()).match(/data-field="lead"[^>]*>([^<]*)</)?.[1];

  test('editor: changes a city summary, saves a draft, sees it in the preview; the public site changes only on publish', async ({ page, login, shot, appUrl, siteUrl }) => {
    const suffix = crypto.randomBytes(2).toString('hex');
    const draftText = `Siegen, a university city in the hills of South Westphalia (${suffix}).`;
    const documentId = await cityDocumentId(appUrl, 'siegen');
    const publicPath = '/en/cities/siegen';
    const publishedText = await publicSummary(siteUrl, publicPath);
    expect(publishedText).toBeTruthy();

    await test.step('the summary is changed and saved as a draft', async () => {
      await login(page, 'editor');
      await page.goto(`/admin/content-manager/collection-types/${CITY}/${documentId}?plugins[i18n][locale]=en`);
      await summaryField(page).fill(draftText);
      expect((await submitDocument(page, 'Save')).status()).toBe(200);
    });

    await test.step('Open preview shows the draft on the reference site, inside the panel', async () => {
      await page.getByRole('button', { name: 'Open preview' }).or(page.getByRole('link', { name: 'Open preview' })).click();
      const frame = page.frameLocator(`iframe[src^="${siteUrl}/preview?"]`);
      await expect(frame.getByRole('heading', { level: 1, name: 'Siegen' })).toBeVisible();
      await expect(frame.getByText(draftText)).toBeVisible();
      await expect(frame.getByText('Preview: this page is not public')).toBeVisible();
      await shot(page, 'editor-draft');
    });

    await test.step('the public site still shows the published text', async () => {
      expect(await publicSummary(siteUrl, publicPath)).toBe(publishedText);
    });

    await test.step('after Publish, the public site shows the new text on the next request', async () => {
      await page.goto(`/admin/content-manager/collection-types/${CITY}/${documentId}?plugins[i18n][locale]=en`);
      expect((await submitDocument(page, 'Publish')).status()).toBe(200);
      const publicPage = await page.context().newPage();
      await publicPage.goto(`${siteUrl}${publicPath}`);
      await expect(publicPage.getByText(draftText)).toBeVisible();
      await publicPage.close();
    });
  });

  test('translator: previews the French draft, in French, with the fields not yet translated shown in English and marked', async ({ page, login, shot, appUrl, siteUrl, api }) => {
    const suffix = crypto.randomBytes(2).toString('hex');
    const documentId = await cityDocumentId(appUrl, 'hangzhou');
    const frenchName = `Hangzhou (brouillon ${suffix})`;
    const translator = await api('translatorFr');
    const cleared = await translator.request('PUT', `/content-manager/collection-types/${CITY}/${documentId}?locale=fr`, { name: frenchName, summary: '' });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);

    await login(page, 'translatorFr');
    await page.goto(`/admin/content-manager/collection-types/${CITY}/${documentId}?plugins[i18n][locale]=fr`);
    await page.getByRole('button', { name: /Open preview|Ouvrir l’aperçu/ }).or(page.getByRole('link', { name: /Open preview|Ouvrir l’aperçu/ })).click();
    const frame = page.frameLocator(`iframe[src^="${siteUrl}/preview?"]`);
    await expect(frame.getByRole('heading', { level: 1, name: frenchName })).toBeVisible();
    await expect(frame.locator('html')).toHaveAttribute('lang', 'fr');
    const lead = frame.locator('[data-field="lead"]');
    await expect(lead).toHaveAttribute('lang', 'en');
    await expect(frame.getByText('Pas encore traduit : affiché en anglais.').first()).toBeVisible();
    await shot(page, 'translator-french-draft');
  });

  test('a forged or edited preview link gets a refusal page, not the draft', async ({ page, shot, appUrl, siteUrl }) => {
    const documentId = await cityDocumentId(appUrl, 'durban');
    const forged = new URLSearchParams({ uid: CITY, documentId, locale: 'en', status: 'draft', expires: String(Math.floor(Date.now() / 1000) + 300), signature: 'forged-signature' });
    const response = await page.goto(`${siteUrl}/preview?${forged}`);
    expect(response?.status()).toBe(403);
    expect(response?.headers()['cache-control']).toBe('private, no-store');
    await expect(page.getByRole('heading', { level: 1, name: 'This preview link cannot be used' })).toBeVisible();
    await expect(page.getByText('The link has been changed since it was made.')).toBeVisible();
    await expect(page.getByText('Durban')).toHaveCount(0);
    await shot(page, 'forged-link');
  });
});
