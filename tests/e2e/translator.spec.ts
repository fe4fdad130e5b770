import fs from 'fs';
import { expect, test } from './support/fixtures';
import { expectToast, submitDocument } from './support/panel';
import { CITY, cityDocumentId, rewriteEnglishCitySummary } from './support/content';
import { fillXliffTargets } from './support/xliff';

test('translator (fr): sees what changed in English, works through outdated French texts in the panel and by XLIFF, publishes them in one step, in a panel in their language', async ({ page, login, shot, api, appUrl }, testInfo) => {
  const editor = await api('editor');
  const translator = await api('translatorFr');
  const frenchStatus = async () => (await translator.request('GET', '/translations/status?locale=fr')).body.data;
  const statusOf = async (documentId: string) =>
    (await frenchStatus()).documents.find((entry: { uid: string; documentId: string }) => entry.uid === CITY && entry.documentId === documentId)?.status;

  // Set-up: the editor rewrites two English summaries, so their French versions are outdated.
  const lille = await cityDocumentId(appUrl, 'lille');
  const dortmund = await cityDocumentId(appUrl, 'dortmund');
  await rewriteEnglishCitySummary(editor, lille, 'The capital of French Flanders, partner city of Leeds since 1968 and European Capital of Culture 2004.');
  await rewriteEnglishCitySummary(editor, dortmund, 'The largest city of the Ruhr, twinned with Leeds since 1969.');
  expect(await statusOf(lille)).toBe('outdated');
  expect(await statusOf(dortmund)).toBe('outdated');

  await test.step('log in and open the Translations page: French counts and the work list', async () => {
    await login(page, 'translatorFr');
    await page.getByRole('navigation').getByRole('link', { name: 'Translations' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Translations' })).toBeVisible();
    const { counts } = await frenchStatus();
    await expect(page.getByRole('heading', { name: `Status in fr: ${counts.current} current, ${counts.outdated} outdated, ${counts.missing} missing` })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Language' })).toHaveText(/French \(fr\)/);
    const workList = page.getByRole('grid', { name: /need work/ });
    await expect(workList.getByRole('row', { name: /Lille \(fr\).*Outdated/ })).toBeVisible();
    await expect(workList.getByRole('row', { name: /Dortmund \(fr\).*Outdated/ })).toBeVisible();
    await shot(page, 'translations-page');
  });

  await test.step('see, word by word, what changed in the English of Dortmund', async () => {
    const toggle = page.getByRole('button', { name: 'What changed in English (Dortmund)' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(page.getByRole('button', { name: 'Hide what changed (Dortmund)' })).toHaveAttribute('aria-expanded', 'true');
    const changes = page.locator(`#english-changes-${dortmund}`);
    await expect(changes.getByRole('heading', { name: 'English changed in Summary' })).toBeVisible();
    // Every word the server counts as removed or added is marked as such on the page.
    const diff = (await translator.request('GET', `/translations/status?locale=fr&uid=${CITY}&include=diff`)).body.data.documents
      .find((entry: { documentId: string }) => entry.documentId === dortmund).changes.find((change: { field: string }) => change.field === 'summary').diff as Array<{ kind: string; text: string }>;
    const marked = diff.filter((part) => part.kind !== 'same');
    expect(marked.length).toBeGreaterThan(0);
    for (const part of marked) {
      await expect(changes.getByRole(part.kind === 'removed' ? 'deletion' : 'insertion').filter({ hasText: part.text.trim() })).toBeVisible();
    }
    await shot(page, 'english-changes');
  });

  await test.step('open the outdated Lille from the list, edit the French text, save: it is current', async () => {
    await page.getByRole('link', { name: 'Lille (fr)' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lille' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Locales' })).toHaveText(/French \(fr\)/);
    const summary = page.getByRole('textbox', { name: 'Summary', exact: true });
    await expect(summary).toBeEditable();
    await summary.fill('La capitale de la Flandre française, ville partenaire de Leeds depuis 1968 et capitale européenne de la culture en 2004.');
    expect((await submitDocument(page, 'Save')).status()).toBe(200);
    await expectToast(page, 'Saved document');
    await shot(page, 'lille-fr-saved');
    expect(await statusOf(lille)).toBe('current');
    await page.getByRole('navigation').getByRole('link', { name: 'Translations' }).click();
    await expect(page.getByRole('link', { name: 'Dortmund (fr)' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Lille (fr)' })).toHaveCount(0);
  });

  await test.step('switching languages quickly: a late answer for an earlier choice is not shown', async () => {
    // Lille is now current in French but still outdated in German, so the two answers differ.
    const { counts } = await frenchStatus();
    const frenchHeading = page.getByRole('heading', { name: `Status in fr: ${counts.current} current, ${counts.outdated} outdated, ${counts.missing} missing` });
    await expect(frenchHeading).toBeVisible();
    const germanStatus = /\/translations\/status\?locale=de/;
    let releaseGerman!: () => void;
    const germanHeld = new Promise<void>((resolve) => (releaseGerman = resolve));
    await page.route(germanStatus, async (route) => {
      await germanHeld;
      await route.continue();
    });
    const language = page.getByRole('combobox', { name: 'Language' });
    await language.click();
    await page.getByRole('option', { name: 'German (de)' }).click();
    await language.click();
    await page.getByRole('option', { name: 'French (fr)' }).click();
    await expect(frenchHeading).toBeVisible();

    const germanFinished = page.waitForEvent('requestfinished', (request) => germanStatus.test(request.url()));
    releaseGerman();
    await germanFinished;
    // A wrong late render could only show after the answer is read; give it that time.
    await page.waitForTimeout(500);
    await expect(frenchHeading).toBeVisible();
    await expect(page.getByRole('link', { name: 'Lille (fr)' })).toHaveCount(0);
    await page.unroute(germanStatus);
  });

  await test.step('the German version cannot be edited: read-only in the panel, refused by the server', async () => {
    await page.goto(`/admin/content-manager/collection-types/${CITY}/${lille}?plugins[i18n][locale]=de`);
    await expect(page.getByRole('heading', { level: 1, name: 'Lille' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Locales' })).toHaveText(/German \(de\)/);
    await expect(page.getByRole('textbox', { name: 'Summary', exact: true })).not.toBeEditable();
    await expect(page.getByRole('textbox', { name: 'Name', exact: true })).not.toBeEditable();
    await shot(page, 'lille-de-read-only');
    const refused = await translator.request('PUT', `/content-manager/collection-types/${CITY}/${lille}?locale=de`, { summary: 'Von einer Übersetzerin für Französisch geändert.' });
    expect(refused.status).toBe(403);
  });

  await test.step('download the XLIFF of what needs work, upload it translated, see the result', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Translations' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download XLIFF of what needs work' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('partner-cities-fr.xlf');
    const exported = fs.readFileSync((await download.path())!, 'utf8');
    expect(exported).toContain('target-language="fr"');
    expect(exported).toContain('The largest city of the Ruhr, twinned with Leeds since 1969.');
    const filled = testInfo.outputPath('partner-cities-fr-translated.xlf');
    fs.writeFileSync(filled, fillXliffTargets(exported, (source) => `[fr] ${source}`));
    await page.locator('input[type=file]#xliff-upload').setInputFiles(filled);
    await expect(page.getByText(/\d+ texts written as drafts: \d+ new fr versions, \d+ updated\./)).toBeVisible();
    await shot(page, 'xliff-imported');
    expect(await statusOf(dortmund)).toBe('current');
    await expect(page.getByRole('link', { name: 'Dortmund (fr)' })).toHaveCount(0);
    const french = await translator.request('GET', `/content-manager/collection-types/${CITY}/${dortmund}?locale=fr`);
    expect(french.body.data.summary).toBe('[fr] The largest city of the Ruhr, twinned with Leeds since 1969.');
  });

  await test.step("publish the French work in one step: the dialog lists it, then it is public", async () => {
    const publicSummary = async (documentId: string) => ((await (await fetch(`${appUrl}/api/cities/${documentId}?locale=fr`)).json()) as any).data.summary;
    expect(await publicSummary(dortmund)).not.toBe('[fr] The largest city of the Ruhr, twinned with Leeds since 1969.');
    const publishButton = page.getByRole('button', { name: /^Publish \d+ ready drafts in French$/ });
    await expect(publishButton).toBeVisible();
    const count = Number((await publishButton.textContent())!.match(/\d+/)![0]);
    await publishButton.click();
    const dialog = page.getByRole('alertdialog', { name: `Publish ${count} drafts in French?` });
    const toPublish = dialog.getByRole('list', { name: 'Drafts to publish' });
    await expect(toPublish.getByRole('listitem')).toHaveCount(count);
    await expect(toPublish.getByText('Lille, Cities: changes since last published', { exact: true })).toBeVisible();
    await expect(toPublish.getByText('Dortmund, Cities: changes since last published', { exact: true })).toBeVisible();
    // The dialog fades in: let it finish before the screenshot.
    await dialog.evaluate((element) => Promise.all(element.getAnimations({ subtree: true }).map((animation) => animation.finished)));
    await shot(page, 'publish-ready-dialog');
    await dialog.getByRole('button', { name: `Publish ${count} drafts` }).click();
    await expect(page.getByText(new RegExp(`^${count} French drafts published: .*Dortmund`))).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No French drafts are ready to publish.' })).toBeVisible();
    expect(await publicSummary(dortmund)).toBe('[fr] The largest city of the Ruhr, twinned with Leeds since 1969.');
    expect(await publicSummary(lille)).toBe('La capitale de la Flandre française, ville partenaire de Leeds depuis 1968 et capitale européenne de la culture en 2004.');
    await shot(page, 'published-in-one-step');
  });

  await test.step('the menus fit the role: Translations, no Audit log, and only the council types in the Content Manager', async () => {
    const menu = page.getByRole('navigation');
    await expect(menu.getByRole('link', { name: 'Translations' })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
    await menu.getByRole('link', { name: 'Content Manager' }).click();
    const types = page.getByRole('navigation', { name: 'Content Manager' }).getByRole('link');
    await expect(types).toHaveCount(5);
    for (const name of ['City', 'Partnership', 'Project', 'Theme', 'International relations page']) await expect(types.filter({ hasText: name }).first()).toBeVisible();
    await shot(page, 'content-manager-types');
  });

  await test.step('chooses Czech as interface language in the profile: the panel and the Translations page speak Czech', async () => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
    await page.goto('/admin/me');
    await page.getByRole('combobox', { name: 'Interface language' }).click();
    await page.getByRole('option', { name: 'Čeština' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
    await page.getByRole('navigation').getByRole('link', { name: 'Překlady' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Překlady' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /^Stav \(fr\): aktuální \d+, zastaralé \d+, chybějící \d+$/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Stáhnout XLIFF s tím, co je třeba přeložit' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Jazyk' })).toHaveText(/francouzština \(fr\)/);
    await shot(page, 'translations-page-cs');
    // A refusal from the server, in Czech: a French import of a German file.
    const german = testInfo.outputPath('partner-cities-de.xlf');
    fs.writeFileSync(german, fs.readFileSync(testInfo.outputPath('partner-cities-fr-translated.xlf'), 'utf8').replace(/target-language="fr"/g, 'target-language="de"'));
    await page.locator('input[type=file]#xliff-upload').setInputFiles(german);
    await expect(page.getByRole('alert').filter({ hasText: 'Nic nebylo importováno' })).toContainText('Tento soubor je pro jazyk „de“, ne pro fr.');
    // The profile choice belongs to the user: put it back for the journeys that follow.
    expect((await translator.request('PUT', '/admin/users/me', { preferedLanguage: 'en-GB' })).status).toBe(200);
  });
});
