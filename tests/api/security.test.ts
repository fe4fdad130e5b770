import { revokeDefaultFullAccessToken } from '../../src/bootstrap/api-tokens';
import { PUBLIC_ACTIONS } from '../../src/public-api/public-access';
import { cityInput, createCity, rowSnapshot } from '../helpers/builders';
import { createApiToken, withToken } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

describe('security defaults of the public API', () => {
  const app = useApp();
  const get = (path: string) => app().http().get(path);

  describe('drafts are never public (#25326)', () => {
    it('does not list or find a draft-only document', async () => {
      const draft = await createCity(app(), { name: 'Secret draft city' }, 'draft');
      const list = await get('/api/cities?filters[name][$eq]=Secret draft city');
      expect(list.status).toBe(200);
      expect(list.body.data).toEqual([]);
      expect((await get(`/api/cities/${draft.documentId}`)).status).toBe(404);
    });

    it.each(['/api/cities?status=draft', '/api/partnerships?status=draft&locale=fr', '/api/international-relations-page?status=draft'])(
      'refuses %s with 400',
      async (path) => {
        const response = await get(path);
        expect(response.status).toBe(400);
        expect(response.body.error.message).toMatch(/^status: only published content/);
      },
    );

    it('refuses status=draft to a read-only token too', async () => {
      const token = await createApiToken(app(), 'read-only');
      const response = await get('/api/cities?status=draft').set(withToken(token));
      expect(response.status).toBe(400);
    });

    it('serves the published version, not newer draft changes', async () => {
      const city = await createCity(app(), { name: 'Published name' });
      await app().strapi.documents('api::city.city').update({ documentId: city.documentId, locale: 'en', data: { name: 'Unpublished rename' } as any });
      const response = await get(`/api/cities/${city.documentId}`);
      expect(response.body.data.name).toBe('Published name');
    });
  });

  describe('unknown locales are refused (#27108)', () => {
    it('on reads, listing the supported locales', async () => {
      for (const path of ['/api/cities?locale=xx', '/api/cities?locale=zh', '/api/international-relations-page?locale=en-GB']) {
        const response = await get(path);
        expect(response.status).toBe(400);
        expect(response.body.error.message).toMatch(/^Unknown locale ".+"\. Supported locales: en, fr, de, cs, zh-Hans$/);
      }
    });

    it('on findOne', async () => {
      const [city] = (await get('/api/cities')).body.data;
      expect((await get(`/api/cities/${city.documentId}?locale=klingon`)).status).toBe(400);
    });

    it('on writes, without writing a row', async () => {
      const token = await createApiToken(app(), 'full-access');
      const before = await rowSnapshot(app(), 'api::city.city');
      const response = await app().http().post('/api/cities?locale=xx').set(withToken(token)).send({ data: cityInput() });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('Supported locales: en, fr, de, cs, zh-Hans');
      expect(await rowSnapshot(app(), 'api::city.city')).toEqual(before);
    });

    it('in the Document Service', async () => {
      await expect(app().strapi.documents('api::theme.theme').findMany({ locale: 'xx' })).rejects.toThrow(/Unknown locale "xx"/);
      await expect(
        app().strapi.documents('api::theme.theme').create({ locale: 'xx', data: { name: 'Nowhere' } as any }),
      ).rejects.toThrow(/Unknown locale "xx"/);
    });
  });

  describe('the Public role', () => {
    it('has find and findOne on the five types and nothing else', async () => {
      const role = await app().strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' }, populate: ['permissions'] });
      expect(role.permissions.map((p: any) => p.action).sort()).toEqual([...PUBLIC_ACTIONS].sort());
      expect(PUBLIC_ACTIONS).toHaveLength(9);
    });

    it('lists the locales for a language switcher on its own route, not by opening i18n to the public', async () => {
      for (const path of ['/api/locales', '/API/Locales', '/api/locales/']) {
        const response = await app().http().get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        expect(response.headers['cache-control']).toMatch(/^public/);
        expect(response.body.data).toEqual([
          { code: 'en', name: 'English (en)', isDefault: true },
          { code: 'fr', name: 'French (fr)', isDefault: false },
          { code: 'de', name: 'German (de)', isDefault: false },
          { code: 'cs', name: 'Czech (cs)', isDefault: false },
          { code: 'zh-Hans', name: 'Chinese (Simplified) (zh-Hans)', isDefault: false },
        ]);
      }
      expect((await app().http().get('/api/i18n/locales')).status).toBe(403);
      const refused = await app().http().get('/api/locales?locale=xx');
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('locale');
    });

    it.each([
      ['post', '/api/cities'],
      ['put', '/api/cities/abc'],
      ['delete', '/api/cities/abc'],
      ['post', '/api/themes'],
      ['put', '/api/international-relations-page'],
      ['delete', '/api/international-relations-page'],
    ] as const)('cannot %s %s', async (method, path) => {
      const response = await app().http()[method](path).send({ data: { name: 'x' } });
      expect([401, 403]).toContain(response.status);
    });

    it('cannot register, log in or list users', async () => {
      const register = await app().http().post('/api/auth/local/register').send({ username: 'eve', email: 'eve@evil.example', password: 'Password123' });
      expect([401, 403]).toContain(register.status);
      expect([401, 403]).toContain((await get('/api/users')).status);
      const advanced: any = await app().strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' }).get();
      expect(advanced.allow_register).toBe(false);
    });
  });

  describe('CORS and headers', () => {
    it('allows a listed origin', async () => {
      const response = await get('/api/themes').set('Origin', 'https://www.leeds.gov.uk');
      expect(response.headers['access-control-allow-origin']).toBe('https://www.leeds.gov.uk');
    });

    it('does not reflect an unlisted origin, on requests or preflights', async () => {
      const response = await get('/api/themes').set('Origin', 'https://evil.example');
      expect(response.headers['access-control-allow-origin'] ?? '').not.toContain('evil');
      const preflight = await app()
        .http()
        .options('/api/themes')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'GET');
      expect(preflight.headers['access-control-allow-origin'] ?? '').not.toContain('evil');
    });

    it('sends no X-Powered-By', async () => {
      const response = await get('/api/themes');
      expect(response.status).toBe(200);
      expect(response.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('the default Full Access token', () => {
    it('is gone after start-up', async () => {
      const fullAccess = await app().strapi.db.query('admin::api-token').findMany({ where: { name: 'Full Access' } });
      expect(fullAccess).toEqual([]);
    });

    it('stops working when start-up revokes it', async () => {
      const created = await app().strapi.service('admin::api-token').create({ name: 'Full Access', type: 'full-access', lifespan: null });
      const before = await get('/api/cities').set(withToken(created.accessKey));
      expect(before.status).toBe(200);
      await revokeDefaultFullAccessToken(app().strapi);
      const after = await get('/api/cities').set(withToken(created.accessKey));
      expect(after.status).toBe(401);
    });
  });

  describe('expensive queries', () => {
    it('caps pageSize and limit at 100', async () => {
      const big = await get('/api/themes?pagination[pageSize]=500');
      expect(big.status).toBe(200);
      expect(big.body.meta.pagination.pageSize).toBe(100);
      const unlimited = await get('/api/themes?pagination[limit]=-1');
      expect(unlimited.body.meta.pagination.limit).toBeLessThanOrEqual(100);
    });

    it('refuses populate deeper than two levels, in every syntax', async () => {
      for (const path of [
        '/api/cities?populate[partnerships][populate][projects][populate][themes]=true',
        '/api/cities?populate=partnerships.projects.themes',
        '/api/cities?populate[0]=partnerships.projects.themes',
      ]) {
        const response = await get(path);
        expect(response.status).toBe(400);
        expect(response.body.error.message).toMatch(/^populate: at most 2 levels/);
      }
      expect((await get('/api/cities?populate[partnerships][populate][projects]=true')).status).toBe(200);
    });

    it('refuses unknown query parameters (strictParams)', async () => {
      expect((await get('/api/cities?foo=bar')).status).toBe(400);
    });
  });
});
