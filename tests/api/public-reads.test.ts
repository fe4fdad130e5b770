import { useApp } from '../helpers/strapi';
import { seeded } from '../helpers/builders';

/** find and findOne of each type over REST, as the council web team calls them. */
describe('public REST reads', () => {
  const app = useApp();
  const get = (path: string) => app().http().get(path);

  it.each(['en', 'fr', 'de', 'cs', 'zh-Hans'])('lists the six cities in %s', async (locale) => {
    const response = await get(`/api/cities?locale=${locale}&sort=slug`);
    expect(response.status).toBe(200);
    expect(response.body.data.map((city: any) => city.slug)).toEqual(['brno', 'dortmund', 'durban', 'hangzhou', 'lille', 'siegen']);
    expect(response.body.data.every((city: any) => city.locale === locale)).toBe(true);
    expect(response.body.meta.pagination).toMatchObject({ page: 1, total: 6 });
  });

  it('finds one city by documentId in a locale, with its localized country', async () => {
    const dortmund = await seeded(app(), 'api::city.city', 'dortmund');
    const response = await get(`/api/cities/${dortmund}?locale=fr`);
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ documentId: dortmund, locale: 'fr', slug: 'dortmund', countryCode: 'DE', country: 'Allemagne' });
  });

  it('serves the zh-Hans names', async () => {
    const response = await get('/api/cities?locale=zh-Hans&filters[slug][$eq]=hangzhou');
    expect(response.body.data[0].name).toBe('杭州');
  });

  it('answers 404 for a document that does not exist', async () => {
    expect((await get('/api/cities/doesnotexist00000000000?locale=en')).status).toBe(404);
  });

  it('populates relations in the same locale', async () => {
    const response = await get('/api/partnerships?locale=de&populate[city]=true&populate[themes]=true&sort=startYear');
    expect(response.status).toBe(200);
    const [siegen] = response.body.data;
    expect(siegen.slug).toBe('leeds-siegen');
    expect(siegen.city).toMatchObject({ slug: 'siegen', locale: 'de' });
    expect(siegen.themes.length).toBeGreaterThan(0);
    expect(siegen.themes.every((theme: any) => theme.locale === 'de')).toBe(true);
  });

  it('populates two levels', async () => {
    const response = await get('/api/cities?locale=cs&filters[slug]=brno&populate[partnerships][populate][projects]=true');
    expect(response.status).toBe(200);
    const projects = response.body.data[0].partnerships[0].projects.map((project: any) => project.slug);
    expect(projects).toEqual(expect.arrayContaining(['brno-local-government-best-practice', 'restorative-practice-children-in-care']));
  });

  it('filters by field, by relation and case-insensitively on PostgreSQL', async () => {
    const early = await get('/api/partnerships?filters[startYear][$lt]=1970&sort=startYear&fields[0]=slug');
    expect(early.body.data.map((p: any) => p.slug)).toEqual(['leeds-siegen', 'leeds-lille', 'leeds-dortmund']);

    const byCity = await get('/api/partnerships?filters[city][slug][$eq]=durban');
    expect(byCity.body.data.map((p: any) => p.slug)).toEqual(['leeds-durban']);

    const insensitive = await get('/api/themes?filters[name][$containsi]=DEMOCR');
    expect(insensitive.body.data.map((t: any) => t.slug)).toEqual(['democracy']);

    const accented = await get('/api/cities?locale=cs&filters[region][$containsi]=jihomoravsk%C3%BD');
    expect(accented.body.data.map((c: any) => c.slug)).toEqual(['brno']);
  });

  it('sorts, in both directions', async () => {
    const ascending = await get('/api/partnerships?sort=startYear:asc&fields[0]=startYear');
    expect(ascending.body.data.map((p: any) => p.startYear)).toEqual([1966, 1968, 1969, 1988, 1991, 1998]);
    const descending = await get('/api/partnerships?sort[0]=startYear:desc&fields[0]=startYear');
    expect(descending.body.data.map((p: any) => p.startYear)).toEqual([1998, 1991, 1988, 1969, 1968, 1966]);
  });

  it('paginates with page/pageSize and start/limit', async () => {
    const page = await get('/api/projects?pagination[page]=2&pagination[pageSize]=5&sort=slug');
    expect(page.body.data).toHaveLength(5);
    const total = page.body.meta.pagination.total;
    expect(total).toBeGreaterThanOrEqual(18);
    expect(page.body.meta.pagination).toMatchObject({ page: 2, pageSize: 5, pageCount: Math.ceil(total / 5) });

    const all = await get(`/api/projects?pagination[pageSize]=100&sort=slug`);
    const offset = await get('/api/projects?pagination[start]=5&pagination[limit]=5&sort=slug');
    expect(offset.body.data.map((p: any) => p.slug)).toEqual(all.body.data.slice(5, 10).map((p: any) => p.slug));
    expect(page.body.data.map((p: any) => p.slug)).toEqual(all.body.data.slice(5, 10).map((p: any) => p.slug));
  });

  it('selects fields', async () => {
    const response = await get('/api/cities?fields[0]=name&fields[1]=countryCode&locale=fr');
    expect(Object.keys(response.body.data[0]).sort()).toEqual(['countryCode', 'documentId', 'id', 'name']);
  });

  it('serves themes with their projects, and projects with partnerships and themes', async () => {
    const themes = await get('/api/themes?locale=fr&filters[slug]=sport&populate=projects');
    expect(themes.body.data[0].projects.map((p: any) => p.slug)).toContain('chinese-olympic-training-camp-london-2012');

    const civic = await seeded(app(), 'api::project.project', 'civic');
    const project = await get(`/api/projects/${civic}?locale=de&populate[partnerships]=true&populate[themes]=true`);
    expect(project.status).toBe(200);
    expect(project.body.data.partnerships.map((p: any) => p.slug)).toEqual(['leeds-lille']);
    expect(project.body.data.themes.map((t: any) => t.slug)).toContain('citizenship');
  });

  it('serves the International relations page with the partnerships in the page order', async () => {
    const response = await get('/api/international-relations-page?locale=cs&populate=partnerships');
    expect(response.status).toBe(200);
    expect(response.body.data.locale).toBe('cs');
    expect(response.body.data.partnerships.map((p: any) => p.slug)).toEqual([
      'leeds-lille',
      'leeds-dortmund',
      'leeds-siegen',
      'leeds-hangzhou',
      'leeds-brno',
      'leeds-durban',
    ]);
  });

  describe.each([
    ['/api/cities', 'lille', 'partnerships', 'Lille'],
    ['/api/partnerships', 'leeds-brno', 'city', 'Leeds a Brno'],
    ['/api/projects', 'civic', 'themes', 'CIVIC: aktivní občanství prostřednictvím hlasu a vlivu dětí'],
    ['/api/themes', 'youth', 'projects', 'Mládež'],
  ])('%s', (path, slug, relation, czechName) => {
    it('finds a page in a locale, sorted, with a relation populated', async () => {
      const response = await get(`${path}?locale=cs&sort=slug:desc&pagination[pageSize]=3&populate=${relation}`);
      expect(response.status).toBe(200);
      expect(response.body.data).toHaveLength(3);
      const slugs = response.body.data.map((entry: any) => entry.slug);
      expect(slugs).toEqual([...slugs].sort().reverse());
      for (const entry of response.body.data) {
        expect(entry.locale).toBe('cs');
        expect(entry).toHaveProperty(relation);
      }
      expect(response.body.meta.pagination).toMatchObject({ page: 1, pageSize: 3 });
    });

    it('finds one by documentId in a locale, filtered list and findOne agreeing', async () => {
      const list = await get(`${path}?locale=cs&filters[slug][$eq]=${slug}`);
      expect(list.body.data).toHaveLength(1);
      const { documentId } = list.body.data[0];
      const one = await get(`${path}/${documentId}?locale=cs&populate=${relation}`);
      expect(one.status).toBe(200);
      expect(one.body.data).toMatchObject({ documentId, slug, locale: 'cs' });
      expect(one.body.data.name ?? one.body.data.title).toBe(czechName);
      expect([one.body.data[relation]].flat().length).toBeGreaterThan(0);
    });
  });

  it('defaults to English', async () => {
    const response = await get('/api/themes?filters[slug]=peace');
    expect(response.body.data[0]).toMatchObject({ locale: 'en', name: 'Peace' });
  });
});
