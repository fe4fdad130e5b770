import http from 'http';
import type { AddressInfo } from 'net';
import zlib from 'zlib';
import { createCity, partnershipInput, seeded } from '../helpers/builders';
import { createApiToken, withToken } from '../helpers/callers';
import { appModule, useApp } from '../helpers/strapi';

const CITY = 'api::city.city';
const PARTNERSHIP = 'api::partnership.partnership';

/** A GET whose body is kept as sent (supertest and fetch decode it), to check the encoding the server chose. */
const raw = async (server: http.Server, path: string, headers: Record<string, string>) => {
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
};

describe('cache tags: responses that know what they contain', () => {
  const app = useApp();
  const get = (path: string) => app().http().get(path);
  const tagsOf = (response: { headers: Record<string, string> }) => (response.headers['surrogate-key'] ?? '').split(' ').filter(Boolean);
  const warm = async (path: string) => {
    await get(path);
    expect((await get(path)).headers['x-cache']).toBe('HIT');
  };

  it('sends the same tags as Surrogate-Key (Fastly), Cache-Tag (Cloudflare) and xkey (Varnish)', async () => {
    const lille = await seeded(app(), CITY, 'lille');
    const response = await get('/api/partnerships?locale=fr&populate[city]=true');
    const tags = tagsOf(response);
    expect(tags).toEqual(expect.arrayContaining(['all', 'l:partnership', 't:city', `d:${lille}`]));
    for (const partnership of response.body.data) expect(tags).toContain(`d:${partnership.documentId}`);
    expect(response.headers['cache-tag']).toBe(tags.join(','));
    expect(response.headers.xkey).toBe(tags.join(' '));
    // Nothing to purge at an edge here, so no longer lifetime for it.
    expect(response.headers['surrogate-control']).toBeUndefined();
  });

  it('stay small enough for every client and edge on the largest page', async () => {
    await appModule<typeof import('../../src/seed/bulk-projects')>('seed/bulk-projects').insertSyntheticProjects(app().strapi, 120);
    const response = await get('/api/projects?pagination[pageSize]=100&populate=*');
    expect(response.body.data).toHaveLength(100);
    expect(response.status).toBe(200);
    const tags = tagsOf(response);
    // More documents than HTTP_CACHE_MAX_TAGS: the type tags stand in for the document tags.
    expect(tags).toEqual(expect.arrayContaining(['all', 'l:project', 't:theme']));
    expect(tags.some((tag) => tag.startsWith('d:'))).toBe(false);
    for (const name of ['surrogate-key', 'cache-tag', 'xkey']) expect(response.headers[name].length).toBeLessThan(2048);
  });

  it('a single read carries its own document and not its type\'s lists', async () => {
    const brno = await seeded(app(), CITY, 'brno');
    const tags = tagsOf(await get(`/api/cities/${brno}`));
    expect(tags).toContain(`d:${brno}`);
    expect(tags).not.toContain('l:city');
  });

  it('only public answers carry tags: a token\'s never do', async () => {
    for (const type of ['read-only', 'full-access'] as const) {
      const response = await get('/api/themes').set(withToken(await createApiToken(app(), type)));
      expect(response.status).toBe(200);
      expect([response.headers['surrogate-key'], response.headers['cache-tag'], response.headers.xkey]).toEqual([undefined, undefined, undefined]);
    }
  });

  it('never name a draft-only document, whatever the request', async () => {
    const draft = await createCity(app(), { name: 'Tagless Draft Town' }, 'draft');
    const hidden = `d:${draft.documentId}`;
    const paths = [
      '/api/cities?pagination[pageSize]=100',
      '/api/cities?status=draft',
      '/api/cities?populate=*',
      `/api/cities/${draft.documentId}`,
      `/api/cities/${draft.documentId}?status=draft`,
      '/api/partnerships?populate[city]=true',
      '/api/cities/geojson',
      '/api/search?q=Tagless',
    ];
    for (const path of paths) {
      const response = await get(path);
      expect({ path, leaks: tagsOf(response).includes(hidden) || JSON.stringify(response.body?.data ?? response.body?.features ?? null).includes(draft.documentId) }).toEqual({ path, leaks: false });
    }
  });

  it('a change drops only the cached answers that show it', async () => {
    const [lille, brno] = [await seeded(app(), CITY, 'lille'), await seeded(app(), CITY, 'brno')];
    const paths = {
      lille: `/api/cities/${lille}`,
      brno: `/api/cities/${brno}`,
      cities: '/api/cities?sort=name:asc',
      themes: '/api/themes',
      partnerships: '/api/partnerships?sort=title:asc',
      partnershipsWithCities: '/api/partnerships?populate[city]=true&sort=title:asc',
      frenchLille: `/api/cities/${lille}?locale=fr`,
    };
    for (const path of Object.values(paths)) await warm(path);

    await app().strapi.documents(CITY).update({ documentId: lille, locale: 'en', status: 'published', data: { summary: 'Lille, tagged anew' } as any });

    const after = Object.fromEntries(await Promise.all(Object.entries(paths).map(async ([name, path]) => [name, (await get(path)).headers['x-cache']])));
    expect(after).toEqual({
      lille: 'MISS',
      brno: 'HIT',
      cities: 'MISS',
      themes: 'HIT',
      partnerships: 'HIT',
      partnershipsWithCities: 'MISS',
      // Shared fields follow English into every locale: the French version is the same document.
      frenchLille: 'MISS',
    });
    expect((await get(paths.lille)).body.data.summary).toBe('Lille, tagged anew');
  });

  it('a new relation made from the other side reaches a cached populated answer', async () => {
    const city = await createCity(app(), { name: 'Relation Town' });
    const path = `/api/cities/${city.documentId}?populate[partnerships][fields][0]=title`;
    await warm(path);
    expect((await get(path)).body.data.partnerships).toEqual([]);
    const partnership = await app().strapi.documents(PARTNERSHIP).create({ locale: 'en', status: 'published', data: partnershipInput(city.documentId, { title: 'Leeds and Relation Town' }) as any });
    const after = await get(path);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body.data.partnerships.map((p: any) => p.title)).toEqual(['Leeds and Relation Town']);
    expect(tagsOf(after)).toContain(`d:${partnership.documentId}`);
  });

  describe('concurrent misses (single flight)', () => {
    const projects = () => `/api/projects?pagination[pageSize]=100&populate=*&sort=title:asc&filters[title][$ne]=${Math.random()}`;

    it('are computed once: one MISS, the others share its answer', async () => {
      const url = projects();
      const responses = await Promise.all(Array.from({ length: 20 }, () => app().http().get(url)));
      const outcomes = responses.map((response) => response.headers['x-cache']);
      expect(outcomes.filter((outcome) => outcome === 'MISS')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'HIT')).toHaveLength(19);
      expect(new Set(responses.map((response) => JSON.stringify(response.body))).size).toBe(1);
    });
  });

  describe('compressed variants kept with the entry', () => {
    const path = '/api/projects?pagination[pageSize]=100&populate=themes';
    const rawGet = (headers: Record<string, string>) => raw(app().strapi.server.httpServer, path, headers);

    it('answer each client in the encoding it asks for, hit or miss, with the same content', async () => {
      const miss = await rawGet({ 'Accept-Encoding': 'br' });
      expect([miss.headers['x-cache'], miss.headers['content-encoding']]).toEqual(['MISS', 'br']);
      const identity = JSON.parse(zlib.brotliDecompressSync(miss.body).toString());
      expect(identity.data.length).toBeGreaterThan(10);

      const gzip = await rawGet({ 'Accept-Encoding': 'gzip, deflate' });
      expect([gzip.headers['x-cache'], gzip.headers['content-encoding']]).toEqual(['HIT', 'gzip']);
      expect(JSON.parse(zlib.gunzipSync(gzip.body).toString())).toEqual(identity);

      const plain = await rawGet({ 'Accept-Encoding': 'identity' });
      expect([plain.headers['x-cache'], plain.headers['content-encoding']]).toEqual(['HIT', undefined]);
      expect(JSON.parse(plain.body.toString())).toEqual(identity);

      const etags = [miss, gzip, plain].map((response) => response.headers.etag);
      expect(new Set(etags).size).toBe(3);
      expect(etags[0]).toBe((etags[2] as string).replace(/"$/, '-br"'));
      // A client holding any of them has the current content.
      for (const etag of etags) expect((await rawGet({ 'Accept-Encoding': 'br', 'If-None-Match': etag as string })).status).toBe(304);
    });
  });
});
