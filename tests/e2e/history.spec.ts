import crypto from 'crypto';
import { expect, test } from './support/fixtures';
import { describeViolations, seriousViolations } from './support/axe';
import { CITY, createNorwegianCityDraft } from './support/content';
import { expectToast, submitDocument } from './support/panel';

test.describe('version history', () => {
  // The panel's Content-Security-Policy (script-src 'self') would block the injected axe-core.
  test.use({ bypassCSP: true });

  test('editor: sees what a city said before a bad edit, compares it with the draft and restores it as a draft; the public site keeps the published text until it is published', async ({ page, login, shot, api, request }) => {
    const suffix = crypto.randomBytes(2).toString('hex');
    const original = `A Hanseatic city on the Norwegian coast (${suffix}).`;
    const badEdit = `Typo city ${suffix}, this summary was a mistake.`;
    const editor = await api('editor');
    const documentId = await createNorwegianCityDraft(editor, { name: `Trondheim ${suffix}`, latitude: 63.43, longitude: 10.39, summary: original });
    const published = await editor.request('POST', `/content-manager/collection-types/${CITY}/${documentId}/actions/publish?locale=en`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const publicSummary = async () => ((await (await request.get(`/api/cities/${documentId}`)).json()) as any).data?.summary;
    const summary = page.getByRole('textbox', { name: 'Summary', exact: true });
    const history = page.getByRole('list', { name: 'History' });

    await test.step('the bad edit is saved and published from the edit view', async () => {
      await login(page, 'editor');
      await page.goto(`/admin/content-manager/collection-types/${CITY}/${documentId}?plugins[i18n][locale]=en`);
      await expect(page.getByRole('heading', { level: 1, name: `Trondheim ${suffix}` })).toBeVisible();
      await summary.fill(badEdit);
      expect((await submitDocument(page, 'Save')).status()).toBe(200);
      expect((await submitDocument(page, 'Publish')).status()).toBe(200);
      await expect.poll(publicSummary).toBe(badEdit);
    });

    await test.step('the History panel lists every version, newest first, with what was done and by whom', async () => {
      await page.reload();
      await expect(history.getByRole('listitem').first()).toContainText('Published');
      // Each entry: its date and time, then "<action>, <who>".
      const entries = await history.getByRole('listitem').allInnerTexts();
      expect(entries.map((entry) => entry.split('\n').find((line) => /^[A-Z][a-z ]+, /.test(line)))).toEqual([
        'Published, Erin Editor',
        'Updated, Erin Editor',
        'Published, Erin Editor',
        'Created, Erin Editor',
      ]);
      await shot(page, 'history-panel');
    });

    await test.step('the created version, compared field by field with the draft, passes axe', async () => {
      await history.getByRole('listitem').last().getByRole('button', { name: /^Compare and restore the version of / }).click();
      const dialog = page.getByRole('dialog', { name: /^Version of / });
      await expect(dialog).toBeVisible();
      const summaryRow = dialog.getByRole('row').filter({ hasText: 'Summary' });
      await expect(summaryRow).toContainText(original);
      await expect(summaryRow).toContainText(badEdit);
      await shot(page, 'history-compare');
      const violations = await seriousViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    });

    await test.step('Restore as draft: the edit view shows the old text as a draft, the public API still the published one', async () => {
      await page.getByRole('dialog').getByRole('button', { name: 'Restore as draft' }).click();
      await expectToast(page, 'Restored as the draft: review it, then publish when ready.');
      await expect(summary).toHaveValue(original);
      await expect(history.getByRole('listitem').first()).toContainText('Restored a version, Erin Editor');
      await shot(page, 'history-restored');
      expect(await publicSummary()).toBe(badEdit);
      const draft = await editor.request('GET', `/content-manager/collection-types/${CITY}/${documentId}?locale=en`);
      expect(draft.body.data).toMatchObject({ summary: original, status: 'modified' });
    });
  });
});
