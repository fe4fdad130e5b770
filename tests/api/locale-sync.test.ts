import { cityInput, createCity, partnershipInput, seeded } from '../helpers/builders';
import { createApiToken, withToken } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

const CITY = 'api::city.city';
const PARTNERSHIP = 'api::partnership.partnership';
const THEME = 'api::theme.theme';

/** Slugs and relations are per locale in Strapi 5; here every locale follows the English version. */
describe('slugs and translations kept in step', () => {
  const app = useApp();
  const documents = (uid: string) => app().strapi.documents(uid as any);
  const draft = (uid: string, documentId: string, locale: string, populate: string[] = []) =>
    documents(uid).findOne({ documentId, locale, status: 'draft', populate } as any) as Promise<any>;

  describe('slug generation', () => {
    it('generates the slug from the English name when none is given', async () => {
      const city = await documents(CITY).create({ locale: 'en', data: cityInput({ name: 'Saint-Étienne sur Loire' }) as any });
      expect(city.slug).toBe('saint-etienne-sur-loire');
    });

    it('numbers a slug that another document already uses', async () => {
      const first = await documents(CITY).create({ locale: 'en', data: cityInput({ name: 'Twin Town' }) as any });
      const second = await documents(CITY).create({ locale: 'en', data: cityInput({ name: 'Twin Town' }) as any });
      expect([first.slug, second.slug]).toEqual(['twin-town', 'twin-town-2']);
    });

    it('generates slugs over REST too, from the title', async () => {
      const token = await createApiToken(app(), 'full-access');
      const lille = await seeded(app(), CITY, 'lille');
      const response = await app()
        .http()
        .post('/api/partnerships')
        .set(withToken(token))
        .send({ data: partnershipInput(lille, { title: 'Leeds & Lille: student exchange' }) });
      expect(response.status).toBe(201);
      expect(response.body.data.slug).toBe('leeds-lille-student-exchange');
    });

    it('keeps the English slug in every translation, whatever the translation is called', async () => {
      const city = await createCity(app(), { name: 'Hangzhou Bay' });
      await documents(CITY).update({ documentId: city.documentId, locale: 'zh-Hans', data: { name: '杭州湾' } as any });
      await documents(CITY).update({ documentId: city.documentId, locale: 'de', data: { name: 'Hangzhou-Bucht', slug: 'hangzhou-bucht' } as any });
      expect((await draft(CITY, city.documentId, 'zh-Hans')).slug).toBe('hangzhou-bay');
      expect((await draft(CITY, city.documentId, 'de')).slug).toBe('hangzhou-bay');
    });

    it('carries a change of the English slug to the translations', async () => {
      const city = await createCity(app(), { name: 'Old Name' });
      await documents(CITY).update({ documentId: city.documentId, locale: 'fr', data: { name: 'Ancien nom' } as any });
      await documents(CITY).update({ documentId: city.documentId, locale: 'en', data: { slug: 'new-name' } as any });
      expect((await draft(CITY, city.documentId, 'fr')).slug).toBe('new-name');
    });

    it('refuses a slug that is not URL-safe or is taken', async () => {
      await expect(documents(CITY).create({ locale: 'en', data: cityInput({ slug: 'Not A Slug' }) as any })).rejects.toThrow(/slug: use lower-case/);
      await expect(documents(CITY).create({ locale: 'en', data: cityInput({ slug: 'lille' }) as any })).rejects.toThrow(
        /slug: "lille" is already used/,
      );
    });
  });

  describe('relations and shared fields', () => {
    it('copies the city, themes, slug and shared fields into a new translation', async () => {
      const lille = await seeded(app(), CITY, 'lille');
      const peace = await seeded(app(), THEME, 'peace');
      const youth = await seeded(app(), THEME, 'youth');
      const partnership = await documents(PARTNERSHIP).create({
        locale: 'en',
        data: partnershipInput(lille, { title: 'Leeds and Lille schools', themes: [peace, youth], startYear: 2005 }) as any,
      });
      await documents(PARTNERSHIP).update({ documentId: partnership.documentId, locale: 'fr', data: { title: 'Leeds et Lille : écoles' } as any });

      const french = await draft(PARTNERSHIP, partnership.documentId, 'fr', ['city', 'themes']);
      expect(french).toMatchObject({ slug: 'leeds-and-lille-schools', startYear: 2005, kind: 'friendship', locale: 'fr' });
      expect(french.city).toMatchObject({ documentId: lille, locale: 'fr' });
      expect(french.themes.map((theme: any) => theme.documentId).sort()).toEqual([peace, youth].sort());
    });

    it('keeps translations in step when the English relations change', async () => {
      const lille = await seeded(app(), CITY, 'lille');
      const brno = await seeded(app(), CITY, 'brno');
      const culture = await seeded(app(), THEME, 'culture');
      const partnership = await documents(PARTNERSHIP).create({ locale: 'en', data: partnershipInput(lille) as any });
      await documents(PARTNERSHIP).update({ documentId: partnership.documentId, locale: 'cs', data: { title: 'Partnerství' } as any });

      await documents(PARTNERSHIP).update({ documentId: partnership.documentId, locale: 'en', data: { city: brno, themes: [culture] } as any });
      const czech = await draft(PARTNERSHIP, partnership.documentId, 'cs', ['city', 'themes']);
      expect(czech.city.documentId).toBe(brno);
      expect(czech.themes.map((theme: any) => theme.documentId)).toEqual([culture]);
    });

    it('links a translation to a target whose translation appears later', async () => {
      const city = await createCity(app(), { name: 'Late Translation City' });
      const partnership = await documents(PARTNERSHIP).create({ locale: 'en', data: partnershipInput(city.documentId) as any });
      await documents(PARTNERSHIP).update({ documentId: partnership.documentId, locale: 'de', data: { title: 'Partnerschaft' } as any });
      expect((await draft(PARTNERSHIP, partnership.documentId, 'de', ['city'])).city).toBeNull();

      await documents(CITY).update({ documentId: city.documentId, locale: 'de', data: { name: 'Spätübersetzungsstadt' } as any });
      expect((await draft(PARTNERSHIP, partnership.documentId, 'de', ['city'])).city.documentId).toBe(city.documentId);
    });

    it('keeps published translations in step when the English version is published', async () => {
      const lille = await seeded(app(), CITY, 'lille');
      const durban = await seeded(app(), CITY, 'durban');
      const partnership = await documents(PARTNERSHIP).create({ locale: 'en', status: 'published', data: partnershipInput(lille) as any });
      await documents(PARTNERSHIP).update({ documentId: partnership.documentId, locale: 'fr', status: 'published', data: { title: 'Partenariat' } as any });

      await documents(PARTNERSHIP).update({ documentId: partnership.documentId, locale: 'en', data: { city: durban } as any });
      await documents(PARTNERSHIP).publish({ documentId: partnership.documentId, locale: 'en' });
      const response = await app().http().get(`/api/partnerships/${partnership.documentId}?locale=fr&populate=city`);
      expect(response.body.data.city.documentId).toBe(durban);
    });
  });

  describe('what a save touches', () => {
    it("leaves the other locales' versions as they were: a published version never looks newer than its draft", async () => {
      const hangzhou = await seeded(app(), PARTNERSHIP, 'leeds-hangzhou');
      const stamps = async () =>
        (await app().strapi.db.query(PARTNERSHIP).findMany({ where: { documentId: hangzhou }, select: ['id', 'locale', 'publishedAt', 'updatedAt'], orderBy: { id: 'asc' } }))
          .map((row: any) => ({ ...row, updatedAt: new Date(row.updatedAt).toISOString() }));
      const before = await stamps();
      await documents(PARTNERSHIP).update({ documentId: hangzhou, locale: 'fr', data: { summary: 'Un nouveau résumé, en brouillon.' } as any });
      const after = await stamps();
      const frenchDraft = (rows: any[]) => rows.find((row) => row.locale === 'fr' && row.publishedAt === null);
      expect(frenchDraft(after).updatedAt > frenchDraft(before).updatedAt).toBe(true);
      expect(after.filter((row) => row !== frenchDraft(after))).toEqual(before.filter((row) => row !== frenchDraft(before)));
    });
  });

  describe('country names', () => {
    it('names the country in each locale and renames it when the code changes', async () => {
      const city = await createCity(app(), { name: 'Border Town', countryCode: 'DE' });
      await documents(CITY).update({ documentId: city.documentId, locale: 'fr', data: { name: 'Ville frontière' } as any });
      expect((await draft(CITY, city.documentId, 'en')).country).toBe('Germany');
      expect((await draft(CITY, city.documentId, 'fr')).country).toBe('Allemagne');

      await documents(CITY).update({ documentId: city.documentId, locale: 'en', data: { countryCode: 'AT' } as any });
      expect((await draft(CITY, city.documentId, 'en')).country).toBe('Austria');
      expect((await draft(CITY, city.documentId, 'fr')).country).toBe('Autriche');
    });

    it('keeps a country name an editor wrote', async () => {
      const city = await createCity(app(), { name: 'Named Town', countryCode: 'GB', country: 'Yorkshire, England' });
      expect((await draft(CITY, city.documentId, 'en')).country).toBe('Yorkshire, England');
    });
  });
});
