import { seeded } from '../helpers/builders';
import { useApp } from '../helpers/strapi';

/**
 * The behaviour before cache tags, kept behind settings for `npm run storm`'s side-by-side
 * comparison: every change empties the whole cache, and concurrent misses are each computed.
 */
describe('HTTP_CACHE_INVALIDATION=clear-all and HTTP_CACHE_SINGLE_FLIGHT=false', () => {
  const app = useApp(() => ({ env: { HTTP_CACHE_INVALIDATION: 'clear-all', HTTP_CACHE_SINGLE_FLIGHT: 'false' } }));
  const get = (path: string) => app().http().get(path);

  it('a change of one city empties the whole cache', async () => {
    await get('/api/themes');
    expect((await get('/api/themes')).headers['x-cache']).toBe('HIT');
    const lille = await seeded(app(), 'api::city.city', 'lille');
    await app().strapi.documents('api::city.city').publish({ documentId: lille, locale: 'en' });
    expect((await get('/api/themes')).headers['x-cache']).toBe('MISS');
  });

  it('concurrent misses are each computed', async () => {
    const url = `/api/projects?pagination[pageSize]=100&populate=*&sort=title:asc&filters[title][$ne]=${Math.random()}`;
    const responses = await Promise.all(Array.from({ length: 20 }, () => get(url)));
    expect(responses.filter((response) => response.headers['x-cache'] === 'MISS').length).toBeGreaterThan(1);
  });
});
