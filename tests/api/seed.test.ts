import { ensureLocales } from '../../src/locales/ensure-locales';
import { seedContent } from '../../src/seed/seed-content';
import { blocksToText } from '../../src/domain/rich-text';
import { queryDatabase } from '../setup/database';
import { useApp } from '../helpers/strapi';

const LOCALES = ['en', 'fr', 'de', 'cs', 'zh-Hans'];
const TABLES = ['themes', 'cities', 'partnerships', 'projects', 'international_relations_pages'];

/** The seed page's facts, as the public API serves them after a start on an empty database. */
describe('seed content', () => {
  const app = useApp();
  const get = async (path: string) => {
    const response = await app().http().get(path);
    expect(response.status).toBe(200);
    return response.body.data;
  };

  it('has the five locales, English by default', async () => {
    const locales = await app().strapi.plugin('i18n').service('locales').find();
    expect(locales.map((locale: any) => locale.code).sort()).toEqual([...LOCALES].sort());
    expect(await app().strapi.plugin('i18n').service('locales').getDefaultLocale()).toBe('en');
  });

  it('has six cities with their facts', async () => {
    const cities = await get('/api/cities?sort=slug&pagination[pageSize]=100');
    expect(cities.map((city: any) => [city.slug, city.countryCode, city.wikidataId])).toEqual([
      ['brno', 'CZ', 'Q14960'],
      ['dortmund', 'DE', 'Q1295'],
      ['durban', 'ZA', 'Q5468'],
      ['hangzhou', 'CN', 'Q4970'],
      ['lille', 'FR', 'Q648'],
      ['siegen', 'DE', 'Q3122'],
    ]);
    for (const city of cities) {
      expect(Math.abs(city.latitude)).toBeGreaterThan(0);
      expect(Math.abs(city.longitude)).toBeGreaterThan(0);
      expect(city.summary.length).toBeGreaterThan(20);
      expect(blocksToText(city.description).length).toBeGreaterThan(50);
    }
    // Full precision: Strapi's decimal type would round to two places (about a kilometre).
    expect(cities.find((city: any) => city.slug === 'durban')).toMatchObject({ latitude: -29.8587, longitude: 31.0218 });
  });

  it('has the six partnerships with their years, kinds and origins', async () => {
    const partnerships = await get('/api/partnerships?sort=startYear&populate[city]=true&populate[themes]=true&populate[organisations]=true');
    expect(partnerships.map((p: any) => [p.city.slug, p.startYear])).toEqual([
      ['siegen', 1966],
      ['lille', 1968],
      ['dortmund', 1969],
      ['hangzhou', 1988],
      ['brno', 1991],
      ['durban', 1998],
    ]);
    const bySlug = Object.fromEntries(partnerships.map((p: any) => [p.slug, p]));
    expect(bySlug['leeds-hangzhou'].dateNote).toBe('1988–89');
    expect(bySlug['leeds-siegen'].origin).toMatch(/Morley/);
    expect(bySlug['leeds-siegen'].origin).toMatch(/1974/);
    for (const partnership of partnerships) {
      expect(['twinning', 'partner-city', 'friendship']).toContain(partnership.kind);
      expect(partnership.partnershipStatus).toBe('active');
      expect(partnership.summary.length).toBeGreaterThan(20);
      expect(blocksToText(partnership.description).length).toBeGreaterThan(200);
      expect(partnership.themes.length).toBeGreaterThan(0);
      expect(partnership.organisations.length).toBeGreaterThan(0);
    }
    const organisations = partnerships.flatMap((p: any) => p.organisations.map((o: any) => o.name));
    expect(organisations).toEqual(
      expect.arrayContaining(['Morley Circle', 'Siegen Circle', 'Haus Herbstzeitlos', 'Leeds United', 'BVB Borussia Dortmund', 'Leeds Beckett University', 'eThekwini Municipality']),
    );
    expect(bySlug['leeds-dortmund'].themes.map((t: any) => t.slug)).toEqual(expect.arrayContaining(['peace', 'tolerance', 'democracy', 'citizenship']));
  });

  it('has a project for every initiative on the page, each linked to its partnership and themes', async () => {
    const projects = await get('/api/projects?pagination[pageSize]=100&populate[partnerships]=true&populate[themes]=true');
    const partnershipOf = Object.fromEntries(projects.map((p: any) => [p.slug, p.partnerships.map((x: any) => x.slug)]));
    expect(partnershipOf).toMatchObject({
      civic: ['leeds-lille'],
      'european-capital-of-culture-knowledge-sharing': ['leeds-lille'],
      'leeds-2023-year-of-culture': ['leeds-lille'],
      'les-rencontres-light-night-leeds': ['leeds-lille'],
      'leeds-united-bvb-community-hub': ['leeds-dortmund'],
      'democracy-days-dortbunt': ['leeds-dortmund'],
      'haus-herbstzeitlos-senior-exchange': ['leeds-siegen'],
      'haus-herbstzeitlos-english-lessons': ['leeds-siegen'],
      'chinese-olympic-training-camp-london-2012': ['leeds-hangzhou'],
      'leeds-hangzhou-business-links': ['leeds-hangzhou'],
      'brno-local-government-best-practice': ['leeds-brno'],
      'restorative-practice-children-in-care': ['leeds-brno'],
      'integration-of-minorities-and-roma-communities': ['leeds-brno'],
      'brno-cultural-and-research-projects': ['leeds-brno'],
      'durban-community-safety': ['leeds-durban'],
      'durban-gardening-workshops-food-security': ['leeds-durban'],
      'durban-youth-exchanges-sports-music': ['leeds-durban'],
      'durban-school-partnerships-teacher-exchanges': ['leeds-durban'],
      'durban-university-exchanges': ['leeds-durban'],
      'leeds-beckett-ethekwini-sports-volunteering': ['leeds-durban'],
    });
    for (const project of projects) expect(project.themes.length).toBeGreaterThan(0);

    const partnerships = await get('/api/partnerships?populate=projects');
    const lille = partnerships.find((p: any) => p.slug === 'leeds-lille');
    expect(lille.projects.map((p: any) => p.slug)).toContain('civic');
  });

  it('has every theme the page names', async () => {
    const themes = await get('/api/themes?pagination[pageSize]=100');
    expect(themes.map((t: any) => t.name)).toEqual(
      expect.arrayContaining([
        'Peace',
        'Tolerance',
        'Democracy',
        'Citizenship',
        'Voice and influence of children and young people',
        'Youth',
        'Education',
        'Culture',
        'Sport',
        'Cultural diversity',
        'Empowerment',
      ]),
    );
  });

  it('has the International relations page with its list of activity', async () => {
    const page = await get('/api/international-relations-page');
    expect(page.title).toBe('International relations');
    const intro = blocksToText(page.intro);
    expect(intro).toContain('exchanges with Leeds’ partner cities');
    expect(intro).toContain('involvement in European and international networks of local governments');
  });

  it('publishes every document in all five locales', async () => {
    for (const table of TABLES) {
      const rows = await queryDatabase<{ locale: string; published: string; drafts: string }>(
        app().database,
        `select locale, count(*) filter (where published_at is not null) as published, count(*) filter (where published_at is null) as drafts
           from ${table} group by locale`,
      );
      expect(rows.map((row) => row.locale).sort()).toEqual([...LOCALES].sort());
      const counts = new Set(rows.flatMap((row) => [row.published, row.drafts]));
      expect(counts.size).toBe(1);
    }
  });

  it('translates names, titles and summaries, and descriptions of cities, partnerships and the page', async () => {
    const english = {
      cities: await get('/api/cities?sort=slug'),
      partnerships: await get('/api/partnerships?sort=slug'),
      projects: await get('/api/projects?sort=slug&pagination[pageSize]=100'),
      themes: await get('/api/themes?sort=slug&pagination[pageSize]=100'),
    };
    for (const locale of LOCALES.slice(1)) {
      const cities = await get(`/api/cities?sort=slug&locale=${locale}`);
      const partnerships = await get(`/api/partnerships?sort=slug&locale=${locale}`);
      const projects = await get(`/api/projects?sort=slug&pagination[pageSize]=100&locale=${locale}`);
      const themes = await get(`/api/themes?sort=slug&pagination[pageSize]=100&locale=${locale}`);
      cities.forEach((city: any, i: number) => {
        expect(city.summary).not.toBe(english.cities[i].summary);
        expect(blocksToText(city.description)).not.toBe(blocksToText(english.cities[i].description));
      });
      partnerships.forEach((partnership: any, i: number) => {
        expect(partnership.title).not.toBe(english.partnerships[i].title);
        expect(partnership.summary).not.toBe(english.partnerships[i].summary);
        expect(blocksToText(partnership.description)).not.toBe(blocksToText(english.partnerships[i].description));
      });
      projects.forEach((project: any, i: number) => {
        expect(project.title).not.toBe(english.projects[i].title);
        expect(project.summary).not.toBe(english.projects[i].summary);
      });
      const translatedThemeNames = themes.filter((theme: any, i: number) => theme.name !== english.themes[i].name);
      expect(translatedThemeNames.length).toBeGreaterThan(themes.length * 0.7);
      const page = await get(`/api/international-relations-page?locale=${locale}`);
      expect(page.title).not.toBe('International relations');
    }
    const hangzhou = (await get('/api/cities?locale=zh-Hans&filters[slug]=hangzhou'))[0];
    expect(hangzhou).toMatchObject({ name: '杭州', country: '中国' });
  });

  it('changes nothing when run again', async () => {
    const snapshot = async () =>
      Promise.all(TABLES.map((table) => queryDatabase(app().database, `select id, document_id, locale, updated_at, published_at from ${table} order by id`)));
    const before = await snapshot();
    const report = await seedContent(app().strapi);
    expect(report.created).toBe(0);
    expect(report.skipped).toBe(before.reduce((sum, rows) => sum + rows.length, 0) / 2);
    await ensureLocales(app().strapi);
    expect(await snapshot()).toEqual(before);
    expect(await app().strapi.plugin('i18n').service('locales').count()).toBe(5);
  });

  it('fills in what is missing without touching what editors changed', async () => {
    const documents = app().strapi.documents('api::theme.theme');
    const peace = await app().strapi.db.query('api::theme.theme').findOne({ where: { slug: 'peace', locale: 'en' } });
    await documents.update({ documentId: peace.documentId, locale: 'en', data: { name: 'Peace (edited)' } as any });
    await documents.delete({ documentId: peace.documentId, locale: 'cs' });

    const report = await seedContent(app().strapi);
    expect(report.created).toBe(1);
    expect((await documents.findOne({ documentId: peace.documentId, locale: 'en', status: 'draft' }))?.name).toBe('Peace (edited)');
    expect((await documents.findOne({ documentId: peace.documentId, locale: 'cs', status: 'published' }))?.name).toBeTruthy();
  });
});
