import crypto from 'crypto';
import { expect, test } from './support/fixtures';
import { describeViolations, seriousViolations } from './support/axe';
import { CITY, createNorwegianCityDraft } from './support/content';
import { tabTo } from './support/panel';
import { ukDateAndTime } from './support/uk-time';

test.describe('scheduling', () => {
  // The panel's Content-Security-Policy (script-src 'self') would block the injected axe-core.
  test.use({ bypassCSP: true });

  test('editor: schedules a publish from the edit view in UK time, by keyboard; it goes live on time; cancels another; sees both on the Scheduled page', async ({ page, login, shot, api, request }) => {
    const suffix = crypto.randomBytes(2).toString('hex');
    const editor = await api('editor');
    const documentId = await createNorwegianCityDraft(editor, { name: `Bergen ${suffix}`, latitude: 60.39, longitude: 5.32, summary: 'A city on the west coast of Norway.' });
    const publicCity = async () => ((await (await request.get(`/api/cities?filters[documentId][$eq]=${documentId}`)).json()) as any).data as unknown[];
    const form = page.getByRole('form', { name: 'Schedule' });
    const pendingList = page.getByRole('list', { name: 'Scheduled for this document' });
    let due = new Date();

    await test.step('the Schedule panel sits beside the draft; the date and time are filled and sent from the keyboard', async () => {
      await login(page, 'editor');
      await page.goto(`/admin/content-manager/collection-types/${CITY}/${documentId}?plugins[i18n][locale]=en`);
      await expect(page.getByRole('heading', { level: 1, name: `Bergen ${suffix}` })).toBeVisible();
      await expect(form).toBeVisible();
      await shot(page, 'schedule-panel');
      due = new Date(Math.ceil((Date.now() + 20_000) / 1000) * 1000);
      const { date, time } = ukDateAndTime(due);
      const dateInput = form.getByRole('textbox', { name: 'Date', exact: true });
      await dateInput.focus();
      await dateInput.fill(date);
      const timeInput = form.getByRole('textbox', { name: 'Time (UK)' });
      await tabTo(page, timeInput, 5);
      await timeInput.fill(time);
      await tabTo(page, form.getByRole('checkbox', { name: 'All languages of this document' }), 5);
      await tabTo(page, form.getByRole('button', { name: 'Schedule' }), 1);
      await page.keyboard.press('Enter');
      await expect(page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: /^Scheduled: Publish,/ }).first()).toBeVisible();
      await expect(pendingList.getByRole('listitem')).toHaveCount(1);
      await expect(pendingList).toContainText('Publish (en)');
      await shot(page, 'scheduled-publish');
      expect(await publicCity()).toEqual([]);
    });

    await test.step('an unpublish for tomorrow, scheduled and then cancelled', async () => {
      await form.getByRole('combobox', { name: 'Action' }).click();
      await page.getByRole('option', { name: 'Unpublish' }).click();
      const tomorrow = ukDateAndTime(new Date(Date.now() + 24 * 3_600_000));
      await form.getByRole('textbox', { name: 'Date', exact: true }).fill(tomorrow.date);
      await form.getByRole('textbox', { name: 'Time (UK)' }).fill('09:00:00');
      await form.getByRole('button', { name: 'Schedule' }).click();
      await expect(pendingList.getByRole('listitem')).toHaveCount(2);
      await pendingList.getByRole('button', { name: /^Cancel: Unpublish/ }).click();
      await expect(page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: /^Cancelled: Unpublish/ }).first()).toBeVisible();
      await expect(pendingList.getByRole('listitem')).toHaveCount(1);
    });

    await test.step('at its time, within 2 s, the public API serves the city', async () => {
      await expect.poll(publicCity, { timeout: 40_000, intervals: [250] }).toHaveLength(1);
      // Within 2 s of its time, plus up to one 250 ms poll and the request itself.
      const delay = Date.now() - due.getTime();
      test.info().annotations.push({ type: 'due to public', description: `${delay} ms` });
      expect(delay).toBeLessThan(2000 + 1000);
    });

    await test.step('the Scheduled page lists it as done and the unpublish as cancelled, and passes axe', async () => {
      await page.getByRole('navigation').getByRole('link', { name: 'Scheduled' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Scheduled' })).toBeVisible();
      const past = page.getByRole('grid', { name: 'Done, failed or cancelled' });
      await expect(past.getByRole('row').filter({ hasText: `Bergen ${suffix}` }).filter({ hasText: 'Done' })).toHaveCount(1);
      await expect(past.getByRole('row').filter({ hasText: `Bergen ${suffix}` }).filter({ hasText: 'Cancelled' })).toHaveCount(1);
      await shot(page, 'scheduled-page');
      const violations = await seriousViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  });
});
