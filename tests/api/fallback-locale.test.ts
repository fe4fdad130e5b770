import { seeded } from '../helpers/builders';
import { useApp } from '../helpers/strapi';

const CITY = 'api::city.city';
const THEME = 'api::theme.theme';
const PARTNERSHIP = 'api::partnership.partnership';

/** ?fallbackLocale= on find and findOne: documents missing in the locale come in the fallback. */
describe('fallbackLocale', () => {
  const app = useApp();
  const get = (path: string) => app().http().get(path);
  let englishOnly: string;
  let englishTheme: string;

  beforeAll(async () => {
    const documents = app().strapi.documents(CITY);
    englishOnly = (await documents.create({ locale: 'en', status: 'published', data: { name: 'Aardvark Fallback Town', countryCode: 'GB', latitude: 53, longitude: -1 } as any })).documentId;
    await documents.create({ locale: 'en', data: { name: 'Draft Fallback Town', countryCode: 'GB' } as any });
    englishTheme = (await app().strapi.documents(THEME).create({ locale: 'en', status: 'published', data: { name: 'Twinning anniversaries' } as any })).documentId;
    const leedsLille = await seeded(app(), PARTNERSHIP, 'leeds-lille');
    const english = await app().strapi.documents(PARTNERSHIP).findOne({ documentId: leedsLille, locale: 'en', status: 'draft', populate: ['themes'] });
    await app().strapi.documents(PARTNERSHIP).update({ documentId: leedsLille, locale: 'en', status: 'published', data: { themes: [...(english!.themes as any[]).map((t) => t.documentId), englishTheme] } as any });
  });

  it('changes nothing without the parameter', async () => {
    const response = await get('/api/cities?locale=fr');
    expect(response.body.data.map((city: any) => city.documentId)).not.toContain(englishOnly);
    expect(response.body.meta.pagination.total).toBe(6);
  });

  it('serves missing documents in the fallback locale, saying so, with exact counts', async () => {
    const response = await get('/api/cities?locale=fr&fallbackLocale=en&sort=name');
    expect(response.status).toBe(200);
    expect(response.body.meta.pagination.total).toBe(7);
    const [first, ...rest] = response.body.data;
    expect(first).toMatchObject({ documentId: englishOnly, locale: 'en', name: 'Aardvark Fallback Town' });
    expect(rest.every((city: any) => city.locale === 'fr')).toBe(true);
    expect(response.body.data.map((city: any) => city.name)).not.toContain('Draft Fallback Town');
  });

  it('composes with filters, sort and pagination', async () => {
    const page = await get('/api/cities?locale=de&fallbackLocale=en&sort=slug:asc&pagination[page]=2&pagination[pageSize]=4');
    expect(page.body.meta.pagination).toMatchObject({ page: 2, pageSize: 4, pageCount: 2, total: 7 });
    expect(page.body.data.map((city: any) => city.slug)).toEqual(['hangzhou', 'lille', 'siegen']);
    const filtered = await get('/api/cities?locale=de&fallbackLocale=en&filters[countryCode][$eq]=GB');
    expect(filtered.body.data.map((city: any) => [city.documentId, city.locale])).toEqual([[englishOnly, 'en']]);
  });

  it('falls back on findOne', async () => {
    expect((await get(`/api/cities/${englishOnly}?locale=cs`)).status).toBe(404);
    const response = await get(`/api/cities/${englishOnly}?locale=cs&fallbackLocale=en`);
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ documentId: englishOnly, locale: 'en' });
  });

  it('falls back in populated relations too', async () => {
    const leedsLille = await seeded(app(), PARTNERSHIP, 'leeds-lille');
    const plain = await get(`/api/partnerships/${leedsLille}?locale=fr&populate=themes`);
    expect(plain.body.data.themes.map((theme: any) => theme.documentId)).not.toContain(englishTheme);
    const withFallback = await get(`/api/partnerships/${leedsLille}?locale=fr&fallbackLocale=en&populate[themes]=true&populate[city]=true`);
    const themes = withFallback.body.data.themes;
    expect(themes.find((theme: any) => theme.documentId === englishTheme)).toMatchObject({ locale: 'en', name: 'Twinning anniversaries' });
    expect(themes.filter((theme: any) => theme.locale === 'fr').length).toBe(plain.body.data.themes.length);
    expect(withFallback.body.data.city).toMatchObject({ slug: 'lille', locale: 'fr' });
  });

  it('refuses an unknown fallback locale', async () => {
    const response = await get('/api/cities?locale=fr&fallbackLocale=xx');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('fallbackLocale: Unknown locale "xx"');
  });
});
