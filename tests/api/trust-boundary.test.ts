import { EDITOR_ROLE, translatorRole } from '../../src/domain/roles';
import { createCity } from '../helpers/builders';
import { adminLogin, createApiToken, withToken } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

/**
 * The guard matrix: every rule of the public API × spellings of the path the router treats as
 * the same route × every kind of caller. Written as an attacker would try it, not as the guards
 * were written: each rule must hold for the route that answers.
 */

// Counted but never reached: each response must still carry the limiter's headers.
Object.assign(process.env, { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_MAX: '100000' });

const SECRET = 'zqxjk';
/** One route, spelled as Strapi's case-insensitive router still matches it. */
const spellings = (path: string) => {
  const [, , type, ...rest] = path.split('/');
  const tail = rest.length > 0 ? `/${rest.join('/')}` : '';
  const capitalised = `${type[0].toUpperCase()}${type.slice(1)}`;
  return [`/api/${type}${tail}`, `/API/${type}${tail}`, `/Api/${capitalised}${tail}`, `/api/${type}${tail}/`, `/API/${type.toUpperCase()}${tail}/`];
};

type Caller = { name: string; headers: Record<string, string>; content: 'public' | 'read-only' | 'token' | 'admin' };

describe('trust boundary: every rule × every spelling × every caller', () => {
  const app = useApp();
  const callers: Caller[] = [];
  let cityPath = '';
  let draftOnlyPath = '';

  beforeAll(async () => {
    const strapi = app().strapi;
    const city = await createCity(app(), { name: 'Matrixville', summary: 'Published summary.' });
    await strapi.documents('api::city.city').update({ documentId: city.documentId, locale: 'fr', status: 'published', data: { name: 'Matrixville', summary: 'Résumé publié.' } as any });
    // Pending edits in two locales and a document never published: none of it is public.
    await strapi.documents('api::city.city').update({ documentId: city.documentId, locale: 'en', data: { summary: `Draft ${SECRET} en` } as any });
    await strapi.documents('api::city.city').update({ documentId: city.documentId, locale: 'fr', data: { summary: `Brouillon ${SECRET} fr` } as any });
    const draftOnly = await createCity(app(), { name: `Hidden ${SECRET}` }, 'draft');
    const page = (await strapi.db.query('api::international-relations-page.international-relations-page').findOne({ where: { locale: 'en' } })).documentId;
    await strapi.documents('api::international-relations-page.international-relations-page').update({ documentId: page, locale: 'en', data: { title: `Page ${SECRET}` } as any });
    cityPath = `/api/cities/${city.documentId}`;
    draftOnlyPath = `/api/cities/${draftOnly.documentId}`;

    callers.push(
      { name: 'anonymous', headers: {}, content: 'public' },
      { name: 'read-only token', headers: withToken(await createApiToken(app(), 'read-only')), content: 'read-only' },
      { name: 'custom token', headers: withToken(await createApiToken(app(), 'custom', ['api::city.city.find', 'api::city.city.findOne', 'api::partnership.partnership.find', 'api::international-relations-page.international-relations-page.find'])), content: 'token' },
      { name: 'full-access token', headers: withToken(await createApiToken(app(), 'full-access')), content: 'token' },
      { name: 'translator (admin JWT)', headers: (await adminLogin(app(), translatorRole('fr').code)).headers, content: 'admin' },
      { name: 'editor (admin JWT)', headers: (await adminLogin(app(), EDITOR_ROLE.code)).headers, content: 'admin' },
    );
  });

  const get = (path: string, caller: Caller) => app().http().get(path).set(caller.headers);

  /** Queries that ask for unpublished content, directly or as an oracle on it. */
  const draftSeeking = [
    '',
    '?status=draft',
    '?status=draft&locale=fr',
    '?status=modified',
    `?filters[localizations][summary][$containsi]=${SECRET}`,
    '?filters[localizations][publishedAt][$null]=true',
    `?populate[partnerships][filters][localizations][title][$containsi]=${SECRET}`,
    '?sort=localizations.summary',
    '?publicationFilter=never-published-document',
    '?hasPublishedVersion=false',
    '?locale=fr&fallbackLocale=en&status=draft',
    '?populate[localizations][fields][0]=summary',
  ];

  it('never serves unpublished text, to anyone, on any spelling, whatever the query', async () => {
    const paths = ['/api/cities', cityPath, draftOnlyPath, '/api/international-relations-page'];
    let served = 0;
    for (const caller of callers) {
      for (const path of paths.flatMap(spellings)) {
        for (const query of draftSeeking) {
          const response = await get(`${path}${query}`, caller);
          const where = `${caller.name} GET ${path}${query} → ${response.status}`;
          expect({ where, leaked: response.text.includes(SECRET) }).toEqual({ where, leaked: false });
          expect({ where, status: [200, 400, 401, 403, 404].includes(response.status) }).toEqual({ where, status: true });
          if (response.status === 200) served += 1;
          // Only the public query rules refuse these with 400, and they name the parameter.
          if (response.status === 400) {
            const named = /^(status|filters|populate|sort|publicationFilter|hasPublishedVersion)[:[]|^Invalid key \w+( at localizations)?$/.test(response.body.error.message);
            expect({ where, message: response.body.error.message, named }).toEqual({ where, message: response.body.error.message, named: true });
          }
        }
      }
    }
    expect(served).toBeGreaterThanOrEqual(50);
  });

  it('answers the draft-seeking parameters with a 400 on every spelling, for every content API caller', async () => {
    const refused = draftSeeking.filter((query) => /status=(draft|modified)|filters\]\[localizations\]|filters\[localizations\]|sort=localizations|publicationFilter|hasPublishedVersion/.test(query));
    for (const caller of callers.filter((candidate) => candidate.content !== 'admin')) {
      for (const path of spellings('/api/cities')) {
        for (const query of refused) {
          const response = await get(`${path}${query}`, caller);
          const request = `${caller.name} ${path}${query}`;
          expect({ request, status: response.status }).toEqual({ request, status: 400 });
        }
      }
    }
  });

  it('holds the query limits (depth, lists, repeated keys) on every spelling, for every caller', async () => {
    const malformed: Array<[string, RegExp]> = [
      ['?populate=partnerships.city.partnerships', /^populate: at most 2 levels/],
      ['?filters[partnerships][city][partnerships][city][name][$eq]=x', /^filters\[partnerships\]\[city\]\[partnerships\]: at most 2 levels/],
      ['?filters[$or][name]=x', /^filters\[\$or\]: \$or takes a list/],
      ['?filters=a&filters=b', /^filters: expected conditions/],
      ['?locale=en&locale=fr', /^locale: give it once/],
      ['?fields=name&fields[x]=y', /^fields: /],
    ];
    for (const caller of callers) {
      for (const path of spellings('/api/cities')) {
        for (const [query, message] of malformed) {
          const response = await get(`${path}${query}`, caller);
          const request = `${caller.name} ${path}${query}`;
          // Admin sign-ins are not content API credentials: refused before the schema-aware rules run.
          if (caller.content === 'admin' && response.status === 401) continue;
          expect({ request, status: response.status }).toEqual({ request, status: 400 });
          expect({ request, message: response.body.error.message, named: message.test(response.body.error.message) }).toEqual({ request, message: response.body.error.message, named: true });
        }
      }
    }
  });

  it('caches per caller class on every spelling: the public\'s answers public, tokens\' private, writers\' never', async () => {
    for (const caller of callers) {
      for (const path of spellings('/api/cities')) {
        const url = `${path}?fields[0]=name&sort=name&pagination[pageSize]=3`;
        const first = await get(url, caller);
        const second = await get(url, caller);
        const request = `${caller.name} ${url}`;
        if (caller.content === 'admin') {
          expect({ request, status: first.status }).toEqual({ request, status: 401 });
          continue;
        }
        expect({ request, status: second.status, body: second.body }).toEqual({ request, status: 200, body: first.body });
        const expected = {
          public: { cache: 'HIT', cacheControl: /^public, max-age=/ },
          'read-only': { cache: 'HIT', cacheControl: /^private, no-cache$/ },
          token: { cache: undefined, cacheControl: /^private, no-cache$/ },
        }[caller.content];
        expect({ request, cache: second.headers['x-cache'] }).toEqual({ request, cache: expected.cache });
        expect({ request, cacheControl: expected.cacheControl.test(second.headers['cache-control']) }).toEqual({ request, cacheControl: true });
      }
    }
  });

  it('counts every spelling against the rate limit, and never replays one caller\'s count from the cache', async () => {
    for (const path of spellings('/api/themes')) {
      const url = `${path}?fields[0]=name&pagination[pageSize]=2`;
      const miss = await app().http().get(url);
      expect({ url, limit: miss.headers['ratelimit-limit'] }).toEqual({ url, limit: '100000' });
      const hit = await app().http().get(url);
      expect({ url, cache: hit.headers['x-cache'], remaining: hit.headers['ratelimit-remaining'] }).toEqual({ url, cache: 'HIT', remaining: undefined });
    }
  });

  it('never shares a token\'s answer from a route the public may not call', async () => {
    const readOnly = callers.find((caller) => caller.content === 'read-only')!;
    for (const path of ['/api/users', '/api/upload/files', '/api/users-permissions/roles', '/API/upload/files']) {
      const asToken = await get(path, readOnly);
      expect({ path, status: asToken.status, cacheControl: asToken.headers['cache-control'] }).toEqual({ path, status: 200, cacheControl: 'private, no-cache' });
      const again = await get(path, readOnly);
      expect({ path, cache: again.headers['x-cache'] }).toEqual({ path, cache: undefined });
      const anonymous = await app().http().get(path);
      expect({ path, status: anonymous.status }).toEqual({ path, status: 403 });
    }
  });
});
