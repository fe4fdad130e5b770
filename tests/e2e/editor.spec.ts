import crypto from 'crypto';
import sharp from 'sharp';
import { expect, test } from './support/fixtures';
import { expectToast, openCollection, submitDocument } from './support/panel';

const SEEDED_CITIES = ['Lille', 'Dortmund', 'Siegen', 'Hangzhou', 'Brno', 'Durban'];

test('editor: creates, validates, publishes, relates and unpublishes a city', async ({ page, login, shot, request }) => {
  const suffix = crypto.randomBytes(2).toString('hex');
  const city = { name: `Aarhus ${suffix}`, slug: `aarhus-${suffix}` };
  const partnership = { title: `Leeds and Aarhus ${suffix}`, slug: `leeds-aarhus-${suffix}` };
  const altText = 'The harbour front of Aarhus under a blue sky';
  const image = page.getByRole('region', { name: 'Image', exact: true });
  const publicCity = async () => {
    const response = await request.get(`/api/cities?filters[slug][$eq]=${city.slug}&populate[0]=partnerships&populate[1]=image`);
    expect(response.status()).toBe(200);
    return (await response.json()).data as Array<{ name: string; partnerships: Array<{ title: string }>; image: { alternativeText: string | null } | null }>;
  };

  await test.step('log in: the panel is in British English, with the Translations and Audit log pages in the menu', async () => {
    await login(page, 'editor');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
    const menu = page.getByRole('navigation');
    await expect(menu.getByRole('link', { name: 'Translations' })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'Audit log' })).toBeVisible();
    await shot(page, 'home');
  });

  await test.step('the Content Manager lists the six partner cities, by name, with their country and partnerships', async () => {
    await openCollection(page, 'City');
    const grid = page.getByRole('grid');
    for (const name of SEEDED_CITIES) await expect(grid.getByRole('gridcell', { name, exact: true })).toBeVisible();
    // The design system's grid gives header cells the gridcell role: the first row is the header.
    await expect(grid.getByRole('row').first()).toHaveAccessibleName(/^Select all entries Name Country Partnerships Available in/);
    await expect(page.getByText('6 entries found')).toBeVisible();
    await shot(page, 'city-list');
  });

  await test.step('a bad country code is refused with an error on the field', async () => {
    await page.getByRole('link', { name: 'Create new entry' }).click();
    // Fields say what they are for, in plain English.
    await expect(page.getByRole('textbox', { name: 'Country code' })).toHaveAccessibleDescription(/ISO 3166-1, the international list of country codes/);
    await expect(page.getByRole('textbox', { name: 'Wikidata ID' })).toHaveAccessibleDescription(/Wikidata, the free knowledge base/);
    await shot(page, 'city-form-help');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(city.name);
    await page.getByRole('textbox', { name: 'Country code' }).fill('ZZ');
    await page.getByRole('button', { name: 'Save' }).click();
    const countryCode = page.getByRole('textbox', { name: 'Country code' });
    await expect(countryCode).toHaveAttribute('aria-invalid', 'true');
    await expect(countryCode).toHaveAccessibleDescription(/must be an ISO 3166-1 alpha-2 country code/);
    await shot(page, 'country-code-error');
  });

  await test.step('fixed and filled in, with an image that has no alternative text: publishing is refused on the image', async () => {
    expect(await publicCity()).toHaveLength(0);
    const field = (name: string) => page.getByRole('textbox', { name, exact: true });
    await field('Web address name').fill(city.slug);
    await field('Country code').fill('DK');
    await field('Region').fill('Central Denmark Region');
    await field('Latitude').fill('56.1567');
    await field('Longitude').fill('10.2108');
    await field('Population').fill('367095');
    await field('Wikidata ID').fill('Q25319');
    await field('Website').fill('https://www.aarhus.dk');
    await field('Summary').fill('The second city of Denmark, on the east coast of Jutland.');
    await page.getByRole('textbox').filter({ has: page.getByRole('paragraph') }).first().click();
    await page.keyboard.type('Aarhus is a port city and the home of a large university.');

    // Upload a picture from the computer through the Media Library dialog, as editors do.
    const picture = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 20, g: 90, b: 160 } } }).png().toBuffer();
    await image.getByRole('button', { name: /Click to add an asset/ }).click();
    const library = page.getByRole('dialog', { name: 'Add new assets' });
    await library.getByRole('button', { name: 'Add more assets' }).click();
    await library.locator('input[type=file]').setInputFiles({ name: `aarhus-${suffix}.png`, mimeType: 'image/png', buffer: picture });
    await library.getByRole('button', { name: 'Upload 1 asset to the library' }).click();
    await library.getByRole('button', { name: 'Finish' }).click();
    await expect(image.getByRole('img', { name: `aarhus-${suffix}.png` })).toBeVisible();

    expect((await submitDocument(page, 'Publish')).status()).toBe(400);
    const refusal = 'image: the media file needs alternative text (set it in the Media Library)';
    await expectToast(page, refusal);
    // …and under the field itself, where the editor is looking.
    await expect(page.getByRole('tabpanel', { name: 'draft' }).locator('[data-strapi-field-error]', { hasText: refusal })).toBeVisible();
    await shot(page, 'image-alt-text-error');
    expect(await publicCity()).toHaveLength(0);
  });

  await test.step('with alternative text written in the Media Library, it is published and served by the public API', async () => {
    await image.getByRole('button', { name: 'Edit' }).click();
    const details = page.getByRole('dialog', { name: 'Details' });
    await details.getByRole('textbox', { name: 'Alternative text' }).fill(altText);
    await details.getByRole('button', { name: 'Finish' }).click();
    await expect(details).toBeHidden();
    expect((await submitDocument(page, 'Publish')).status()).toBe(200);
    await expectToast(page, 'Published document');
    await expect(page.getByRole('textbox', { name: 'Country code' })).not.toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'city-published');
    const [served] = await publicCity();
    expect(served).toMatchObject({ name: city.name, countryCode: 'DK', country: 'Denmark', latitude: 56.1567, population: 367095 });
    expect(served.image).toMatchObject({ alternativeText: altText, width: 400, height: 300 });
  });

  await test.step('it is added to a new partnership, published with it', async () => {
    await openCollection(page, 'Partnership');
    await page.getByRole('link', { name: 'Create new entry' }).click();
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill(partnership.title);
    await page.getByRole('textbox', { name: 'Web address name', exact: true }).fill(partnership.slug);
    await page.getByRole('textbox', { name: 'Start year', exact: true }).fill('2024');
    await page.getByRole('combobox', { name: 'Partner city', exact: true }).click();
    await page.keyboard.type(city.name);
    await page.getByRole('option', { name: `${city.name} published` }).click();
    await shot(page, 'partnership-form');
    expect((await submitDocument(page, 'Publish')).status()).toBe(200);
    await expectToast(page, 'Published document');
    const [served] = await publicCity();
    expect(served.partnerships.map((entry) => entry.title)).toEqual([partnership.title]);
  });

  await test.step('unpublished, it is gone from the public API', async () => {
    await openCollection(page, 'City');
    await page.getByRole('grid').getByRole('gridcell', { name: city.name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: city.name })).toBeVisible();
    await page.getByRole('button', { name: 'More document actions' }).click();
    await shot(page, 'city-actions');
    await page.getByRole('menuitem', { name: 'Unpublish', exact: true }).click();
    // Strapi asks for confirmation in some states (e.g. when the draft has changes).
    const unpublished = page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: 'Unpublished document' }).first();
    const confirm = page.getByRole('alertdialog').or(page.getByRole('dialog')).getByRole('button', { name: 'Confirm' });
    await expect(unpublished.or(confirm)).toBeVisible();
    if (await confirm.isVisible()) await confirm.click();
    await expect(unpublished).toBeVisible();
    await shot(page, 'city-unpublished');
    expect(await publicCity()).toHaveLength(0);
  });
});
