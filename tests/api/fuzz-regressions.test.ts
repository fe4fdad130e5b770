import { createCity } from '../helpers/builders';
import { createApiToken, withToken } from '../helpers/callers';
import { contentSnapshot } from '../helpers/fuzz';
import { useApp } from '../helpers/strapi';

/** Counterexamples the fuzz tests found, kept as plain tests. */
describe('fuzz regressions', () => {
  const app = useApp();
  let token = '';
  beforeAll(async () => {
    token = await createApiToken(app(), 'full-access');
  });

  describe('deleting with status=draft was a 500 ("Cannot delete a draft document")', () => {
    it.each(['/api/international-relations-page?locale=fr&status=draft', 'CITY?locale=en&status=draft'])('DELETE %s is a 400 naming status, and deletes nothing', async (template) => {
      const city = await createCity(app());
      const path = template.replace('CITY', `/api/cities/${city.documentId}`);
      const before = await contentSnapshot(app());
      const response = await app().http().delete(path).set(withToken(token));
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/^status: .*status=draft cannot be deleted/);
      expect(await contentSnapshot(app())).toEqual(before);
    });

    it('in the Document Service too', async () => {
      const city = await createCity(app());
      await expect(app().strapi.documents('api::city.city').delete({ documentId: city.documentId, locale: 'en', status: 'draft' } as any)).rejects.toMatchObject({
        name: 'ValidationError',
      });
      expect(await app().strapi.documents('api::city.city').findOne({ documentId: city.documentId, locale: 'en' })).not.toBeNull();
    });
  });

  describe('$and / $or given an object instead of a list was a 500 ("Operator $and must be an array")', () => {
    it.each([
      ['/api/themes/%C3%BC%20nope?locale=fr&populate=*&filters[$and][$or][0]=true', 'filters[$and]: $and takes a list of conditions'],
      ['/api/cities?filters[name][$or][x]=Lille', 'filters[name][$or]: $or takes a list of conditions'],
      ['/api/partnerships?populate[city][filters][$and][name]=Lille', 'populate[city][filters][$and]: $and takes a list of conditions'],
    ])('GET %s is a 400 naming the parameter', async (path, message) => {
      const response = await app().http().get(path);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toEqual(expect.stringMatching(/e\.g\. /));
      expect(response.body.error.message.startsWith(`${message}, e.g. `)).toBe(true);
    });

    it('lists still work', async () => {
      const response = await app().http().get('/api/cities?filters[$or][0][slug][$eq]=lille&filters[$or][1][slug][$eq]=brno');
      expect(response.status).toBe(200);
      expect(response.body.data.map((city: any) => city.slug).sort()).toEqual(['brno', 'lille']);
    });
  });

  describe('refusals said only "Forbidden" or "Not Found"', () => {
    it('a route the public may not call names the request and what the public may do', async () => {
      const response = await app().http().get('/api/users-permissions/roles?locale=zh-Hans');
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(
        'GET /api/users-permissions/roles: not allowed without a token; the public and read-only tokens may only read (find and findOne) published cities, partnerships, projects, themes and the international relations page',
      );
    });

    it('a token without the permission is told so', async () => {
      const readOnly = await createApiToken(app(), 'read-only');
      const response = await app().http().post('/api/themes').set(withToken(readOnly)).send({ data: { name: 'x' } });
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(/^POST \/api\/themes: not allowed for this API token/);
    });

    it('findOne of an unknown documentId names it and the locale', async () => {
      const response = await app().http().get('/api/projects/%C3%BC%20nope?locale=cs');
      expect(response.status).toBe(404);
      expect(response.body.error.message).toBe('GET /api/projects/%C3%BC%20nope: nothing here in locale "cs": no such route, or no published document with this documentId in locale "cs"');
    });

    it('a method the route does not have is a JSON 405 listing the allowed ones', async () => {
      const response = await app().http().put('/api/cities').set(withToken(token)).send({ data: {} });
      expect(response.status).toBe(405);
      expect(response.body.error.message).toMatch(/^PUT \/api\/cities: method not allowed here \(allowed: .*GET.*POST/);
    });
  });
});
