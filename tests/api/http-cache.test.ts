import { AsyncResource } from 'async_hooks';
import { cityInput, createCity, seeded } from '../helpers/builders';
import { adminLogin, createApiToken, withToken } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

const CITY = 'api::city.city';

/** HTTP caching of public reads, and that no write ever leaves a stale response behind. */
describe('HTTP caching', () => {
  const app = useApp();
  const get = (path: string) => app().http().get(path);
  const documents = () => app().strapi.documents(CITY);

  describe('headers', () => {
    it('sends a strong ETag, Cache-Control and Vary on public GETs', async () => {
      const response = await get('/api/themes?locale=fr');
      expect(response.status).toBe(200);
      expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(response.headers['cache-control']).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
      expect(response.headers.vary).toMatch(/Origin/);
      expect(response.headers.vary).toMatch(/Accept-Encoding/);
    });

    it('answers If-None-Match with 304 and no body, from the cache or not', async () => {
      const first = await get('/api/cities?locale=cs');
      const again = await get('/api/cities?locale=cs').set('If-None-Match', first.headers.etag);
      expect(again.status).toBe(304);
      expect(again.text ?? '').toBe('');
      const other = await get('/api/cities?locale=cs').set('If-None-Match', '"something-else"');
      expect(other.status).toBe(200);
    });

    it('gives equal bodies equal ETags and different bodies different ones', async () => {
      const [fr, fr2, de] = [await get('/api/themes?locale=fr'), await get('/api/themes?locale=fr'), await get('/api/themes?locale=de')];
      expect(fr.headers.etag).toBe(fr2.headers.etag);
      expect(fr.headers.etag).not.toBe(de.headers.etag);
    });

    it('marks responses to write-capable tokens private', async () => {
      const token = await createApiToken(app(), 'full-access');
      const response = await get('/api/themes').set(withToken(token));
      expect(response.headers['cache-control']).toBe('private, no-cache');
      expect(response.headers['x-cache']).toBeUndefined();
    });

    it('compresses JSON with gzip or brotli when asked', async () => {
      // supertest decodes gzip itself: the header says it was compressed, the body that it survived.
      const gzip = await get('/api/projects?pagination[pageSize]=100').set('Accept-Encoding', 'gzip');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.body.data.length).toBeGreaterThan(10);
      const brotli = await get('/api/projects?pagination[pageSize]=100').set('Accept-Encoding', 'br');
      expect(brotli.headers['content-encoding']).toBe('br');
      const small = await get('/api/themes?pagination[pageSize]=1&fields[0]=slug').set('Accept-Encoding', 'gzip');
      expect(small.headers['content-encoding']).toBeUndefined();
    });
  });

  describe('the shared cache', () => {
    it('answers a repeated request from the cache, with the same body and ETag', async () => {
      const miss = await get('/api/partnerships?locale=fr&populate[city]=true');
      const hit = await get('/api/partnerships?populate[city]=true&locale=fr');
      expect(miss.headers['x-cache']).toBe('MISS');
      expect(hit.headers['x-cache']).toBe('HIT');
      expect(hit.body).toEqual(miss.body);
      expect(hit.headers.etag).toBe(miss.headers.etag);
      expect(hit.headers['content-type']).toBe(miss.headers['content-type']);
      expect(hit.headers['x-content-type-options']).toBe('nosniff');
    });

    it('keeps read-only tokens\' entries apart from the public\'s, and caches no other caller', async () => {
      await get('/api/themes?locale=de');
      const readOnly = await createApiToken(app(), 'read-only');
      const first = await get('/api/themes?locale=de').set(withToken(readOnly));
      expect(first.headers['x-cache']).toBe('MISS');
      expect(first.headers['cache-control']).toBe('private, no-cache');
      expect((await get('/api/themes?locale=de').set(withToken(await createApiToken(app(), 'read-only')))).headers['x-cache']).toBe('HIT');
      const fullAccess = await createApiToken(app(), 'full-access');
      expect((await get('/api/themes?locale=de').set(withToken(fullAccess))).headers['x-cache']).toBeUndefined();
      expect((await get('/api/themes?locale=de').set('Authorization', 'Bearer not-a-token')).status).toBe(401);
    });

    it('does not cache errors', async () => {
      await get('/api/cities?locale=xx');
      const again = await get('/api/cities?locale=xx');
      expect(again.status).toBe(400);
      expect(again.headers['x-cache']).toBeUndefined();
    });
  });

  describe('is never stale', () => {
    const warm = async (path: string) => {
      await get(path);
      expect((await get(path)).headers['x-cache']).toBe('HIT');
    };

    it('after a publish through the Document Service', async () => {
      const draft = await createCity(app(), { name: 'Cache Town' }, 'draft');
      const path = '/api/cities?filters[slug][$eq]=cache-town';
      await warm(path);
      await documents().publish({ documentId: draft.documentId, locale: 'en' });
      const after = await get(path);
      expect(after.headers['x-cache']).toBe('MISS');
      expect(after.body.data.map((c: any) => c.name)).toEqual(['Cache Town']);
    });

    it('after an update and publish over REST', async () => {
      const token = await createApiToken(app(), 'full-access');
      const lille = await seeded(app(), CITY, 'lille');
      const path = `/api/cities/${lille}`;
      await warm(path);
      const put = await app().http().put(path).set(withToken(token)).send({ data: { summary: 'Updated over REST' } });
      expect(put.status).toBe(200);
      expect((await get(path)).body.data.summary).toBe('Updated over REST');
    });

    it('after publish, unpublish, discard and delete in the admin Content Manager', async () => {
      const admin = await adminLogin(app());
      const base = `/content-manager/collection-types/${CITY}`;
      const created = await app().http().post(`${base}?locale=en`).set(admin.headers).send(cityInput({ name: 'Admin Town' }));
      const documentId = created.body.data.documentId;
      const path = '/api/cities?filters[slug][$eq]=admin-town';
      await warm(path);

      expect((await app().http().post(`${base}/${documentId}/actions/publish?locale=en`).set(admin.headers).send({})).status).toBe(200);
      expect((await get(path)).body.data).toHaveLength(1);

      await warm(path);
      await app().http().put(`${base}/${documentId}?locale=en`).set(admin.headers).send({ summary: 'A draft change' });
      await app().http().post(`${base}/${documentId}/actions/discard?locale=en`).set(admin.headers).send({});
      expect((await get(path)).headers['x-cache']).toBe('MISS');

      await warm(path);
      expect((await app().http().post(`${base}/${documentId}/actions/unpublish?locale=en`).set(admin.headers).send({})).status).toBe(200);
      expect((await get(path)).body.data).toHaveLength(0);

      await app().http().post(`${base}/${documentId}/actions/publish?locale=en`).set(admin.headers).send({});
      await warm(path);
      expect((await app().http().delete(`${base}/${documentId}?locale=en`).set(admin.headers)).status).toBe(200);
      expect((await get(path)).body.data).toHaveLength(0);
    });

    it('after a change to a related document shown through populate', async () => {
      const path = '/api/partnerships?filters[slug][$eq]=leeds-brno&populate=city';
      await warm(path);
      const brno = await seeded(app(), CITY, 'brno');
      await documents().update({ documentId: brno, locale: 'en', status: 'published', data: { summary: 'Brno, renamed summary' } as any });
      expect((await get(path)).body.data[0].city.summary).toBe('Brno, renamed summary');
    });

    it('when another request reads between the write and its COMMIT (the Content Manager\'s own transaction)', async () => {
      const city = await createCity(app(), { name: 'Commit Town' });
      const path = '/api/cities?filters[slug][$eq]=commit-town&fields[0]=name';
      await warm(path);
      // A public request is not part of the writer's transaction: run it outside its async context.
      const outside = AsyncResource.bind((run: () => Promise<unknown>) => run());
      let during: any;
      await app().strapi.db.transaction(async () => {
        await documents().unpublish({ documentId: city.documentId, locale: 'en' });
        during = await outside(() => get(path));
      });
      // Before COMMIT the public still sees the committed rows: the city, from the cache.
      expect(during.body.data).toHaveLength(1);
      const after = await get(path);
      expect(after.body.data).toEqual([]);
      expect(after.headers['x-cache']).toBe('MISS');
    });

    it('and does not empty the cache for a write that rolls back', async () => {
      const path = '/api/themes?filters[slug][$eq]=peace&fields[0]=name';
      await warm(path);
      const peace = await seeded(app(), 'api::theme.theme', 'peace');
      await expect(
        app().strapi.db.transaction(async () => {
          await app().strapi.documents('api::theme.theme').unpublish({ documentId: peace, locale: 'en' });
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      const after = await get(path);
      expect(after.body.data).toHaveLength(1);
      expect(after.headers['x-cache']).toBe('HIT');
    });

    it('after a change of what the Public role may read', async () => {
      const path = '/api/themes?filters[slug][$eq]=peace';
      await warm(path);
      const permissions = app().strapi.db.query('plugin::users-permissions.permission');
      const find = await permissions.findOne({ where: { action: 'api::theme.theme.find' } });
      await permissions.delete({ where: { id: find.id } });
      expect((await get(path)).status).toBe(403);
      await permissions.create({ data: { action: 'api::theme.theme.find', role: find.role?.id ?? (await app().strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } })).id } });
    });
  });
});
