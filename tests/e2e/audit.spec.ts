import { expect, test } from './support/fixtures';
import { describeViolations, seriousViolations } from './support/axe';

/**
 * Runs after the editor and translator journeys (project `after-journeys`): the editor finds both
 * people's changes in the Audit log page, narrows them with the filters, and the page passes axe.
 */
test.describe('audit log', () => {
  // The panel's Content-Security-Policy (script-src 'self') would block the injected axe-core.
  test.use({ bypassCSP: true });

  test("editor: sees the editor's and the translator's changes in the Audit log page", async ({ page, login, shot, users, api }) => {
    const editor = `${users.editor.firstname} ${users.editor.lastname}`;
    const translator = `${users.translatorFr.firstname} ${users.translatorFr.lastname}`;
    const rows = page.getByRole('grid').getByRole('row');

    await test.step('open it from the main menu', async () => {
      await login(page, 'editor');
      await page.getByRole('link', { name: 'Audit log' }).click();
      await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
      await expect(rows.filter({ hasText: editor }).first()).toBeVisible();
      await expect(rows.filter({ hasText: translator }).first()).toBeVisible();
      // An editor may not read admin users, so the server sends names and no e-mail addresses.
      await expect(rows.filter({ hasText: users.editor.email })).toHaveCount(0);
      await shot(page, 'all-changes');
    });

    await test.step("filter on the translator: their French edits and the XLIFF import", async () => {
      await page.getByRole('textbox', { name: 'User' }).fill(translator);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(rows.filter({ hasText: editor })).toHaveCount(0);
      const translatorRows = rows.filter({ hasText: translator });
      await expect(translatorRows.filter({ hasText: 'XLIFF import' }).first()).toBeVisible();
      await expect(translatorRows.filter({ hasText: 'Updated' }).filter({ hasText: 'Lille (Cities)' }).first()).toBeVisible();
      for (const row of await translatorRows.all()) await expect(row.getByRole('gridcell').nth(4)).toHaveText('fr');
      expect(await translatorRows.first().textContent()).toContain(translator);
      await shot(page, 'translator-changes');
    });

    await test.step('filter on the editor and cities: the city they published and unpublished', async () => {
      await page.getByRole('textbox', { name: 'User' }).fill(editor);
      await page.getByRole('combobox', { name: 'Type' }).click();
      await page.getByRole('option', { name: 'Cities' }).click();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(rows.filter({ hasText: translator })).toHaveCount(0);
      const aarhus = rows.filter({ hasText: editor }).filter({ hasText: /Aarhus \w+ \(Cities\)/ });
      for (const action of ['Created', 'Published', 'Unpublished']) await expect(aarhus.filter({ hasText: action }).first()).toBeVisible();
      await shot(page, 'editor-city-changes');
    });

    await test.step('no serious or critical accessibility violations', async () => {
      // At rest, like the other pages: the pointer left on "Apply filters" shows the design
      // system's hover shade of every primary button (white on primary500, 3.5:1; docs/testing.md).
      await page.getByRole('heading', { name: 'Audit log', level: 1 }).hover();
      const violations = await seriousViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    });

    await test.step('translators are refused by the server', async () => {
      const translatorApi = await api('translatorFr');
      const refused = await translatorApi.request('GET', '/audit-log');
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/^Your role lacks the permission api::audit-log.read$/);
    });
  });
});
