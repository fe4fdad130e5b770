import { cityInput, partnershipInput, projectInput, rowSnapshot, seeded } from '../helpers/builders';
import { adminLogin, createApiToken, withToken } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

const CITY = 'api::city.city';
const PARTNERSHIP = 'api::partnership.partnership';
const PROJECT = 'api::project.project';

/**
 * Every rule on every write path: REST (token), the admin Content Manager and the Document
 * Service; drafts included. Each refusal is a 400 naming the field, and nothing is written.
 */
describe('validation on every write path', () => {
  const app = useApp();
  let token: string;
  let admin: { headers: Record<string, string> };
  let lille: string;

  beforeAll(async () => {
    token = await createApiToken(app(), 'full-access');
    admin = await adminLogin(app());
    lille = await seeded(app(), CITY, 'lille');
  });

  const cases: Array<[string, string, () => Record<string, unknown>]> = [
    ['countryCode', CITY, () => cityInput({ countryCode: 'UK' })],
    ['countryCode', CITY, () => cityInput({ countryCode: 'fr' })],
    ['latitude', CITY, () => cityInput({ latitude: 91 })],
    ['longitude', CITY, () => cityInput({ longitude: 181 })],
    ['wikidataId', CITY, () => cityInput({ wikidataId: 'Lille' })],
    ['website', CITY, () => cityInput({ website: 'lille.fr' })],
    ['startYear', PARTNERSHIP, () => partnershipInput(lille, { startYear: 1850 })],
    ['startYear', PARTNERSHIP, () => partnershipInput(lille, { startYear: new Date().getFullYear() + 1 })],
    ['endYear', PARTNERSHIP, () => partnershipInput(lille, { startYear: 1990, endYear: 1980 })],
    ['city', PARTNERSHIP, () => partnershipInput(lille, { city: undefined })],
    ['organisations.0.url', PARTNERSHIP, () => partnershipInput(lille, { organisations: [{ name: 'Org', url: 'not a url' }] })],
    ['endYear', PROJECT, () => projectInput({ startYear: 2012, endYear: 2011 })],
    ['website', PROJECT, () => projectInput({ website: 'ftp://files.example' })],
  ];
  const restPath = (uid: string) => (uid === CITY ? '/api/cities' : uid === PARTNERSHIP ? '/api/partnerships' : '/api/projects');

  describe.each(['published', 'draft'])('REST create (%s)', (status) => {
    it.each(cases)('refuses a bad %s on %s', async (field, uid, input) => {
      const before = await rowSnapshot(app(), uid);
      const response = await app()
        .http()
        .post(`${restPath(uid)}${status === 'draft' ? '?status=draft' : ''}`)
        .set(withToken(token))
        .send({ data: input() });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(`${field}: `);
      expect(response.body.error.details.errors[0].path).toEqual(field.split('.'));
      expect(await rowSnapshot(app(), uid)).toEqual(before);
    });
  });

  describe('admin Content Manager', () => {
    it.each(cases)('refuses a bad %s on %s when creating a draft', async (field, uid, input) => {
      const before = await rowSnapshot(app(), uid);
      const response = await app()
        .http()
        .post(`/content-manager/collection-types/${uid}?locale=en`)
        .set(admin.headers)
        .send(input());
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(`${field}: `);
      expect(await rowSnapshot(app(), uid)).toEqual(before);
    });

    it('refuses a bad edit of an existing document and keeps it as it was', async () => {
      const before = await rowSnapshot(app(), CITY);
      const response = await app()
        .http()
        .put(`/content-manager/collection-types/${CITY}/${lille}?locale=en`)
        .set(admin.headers)
        .send({ latitude: -95 });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('latitude: must be between -90 and 90');
      expect(await rowSnapshot(app(), CITY)).toEqual(before);
    });

    it('refuses removing the city of a partnership', async () => {
      const partnership = await seeded(app(), PARTNERSHIP, 'leeds-lille');
      const response = await app()
        .http()
        .put(`/content-manager/collection-types/${PARTNERSHIP}/${partnership}?locale=en`)
        .set(admin.headers)
        .send({ city: { connect: [], disconnect: [{ documentId: lille }] } });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('city: a partnership needs its partner city');
    });

    it('accepts a valid draft', async () => {
      const response = await app().http().post(`/content-manager/collection-types/${CITY}?locale=en`).set(admin.headers).send(cityInput());
      expect(response.status).toBe(201);
    });
  });

  describe('Document Service', () => {
    it.each(cases)('refuses a bad %s on %s', async (field, uid, input) => {
      const before = await rowSnapshot(app(), uid);
      await expect(app().strapi.documents(uid as any).create({ locale: 'en', data: input() as any })).rejects.toMatchObject({
        name: 'ValidationError',
        message: expect.stringContaining(`${field}: `),
      });
      expect(await rowSnapshot(app(), uid)).toEqual(before);
    });
  });

  describe('translations', () => {
    it('does not half-create a locale version from bad data', async () => {
      const before = await rowSnapshot(app(), CITY);
      const response = await app()
        .http()
        .put(`/api/cities/${lille}?locale=fr`)
        .set(withToken(token))
        .send({ data: { name: 'Lille', website: 'pas une url' } });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('website: ');
      expect(await rowSnapshot(app(), CITY)).toEqual(before);
    });

    it('checks cross-field rules against the stored values on a partial update', async () => {
      const siegen = await seeded(app(), PARTNERSHIP, 'leeds-siegen');
      const response = await app().http().put(`/api/partnerships/${siegen}`).set(withToken(token)).send({ data: { endYear: 1950 } });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('endYear: must not be before startYear (1950 < 1966)');
    });
  });

  it('reports every problem of one request together', async () => {
    const response = await app()
      .http()
      .post('/api/cities')
      .set(withToken(token))
      .send({ data: cityInput({ countryCode: 'XX', latitude: 100, website: 'nope' }) });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors.map((error: any) => error.path[0])).toEqual(['countryCode', 'latitude', 'website']);
  });

  it('requires alternative text on a city image', async () => {
    const file = await app().strapi.db.query('plugin::upload.file').create({
      data: { name: 'lille.jpg', hash: 'lille_test', ext: '.jpg', mime: 'image/jpeg', size: 1, url: '/uploads/lille_test.jpg', provider: 'local', alternativeText: null },
    });
    const notAnId = await app().http().post('/api/cities').set(withToken(token)).send({ data: cityInput({ image: 'lille.jpg' }) });
    expect(notAnId.status).toBe(400);
    expect(notAnId.body.error.message).toContain('image: expected the id of a media file');
    const refused = await app().http().post('/api/cities').set(withToken(token)).send({ data: cityInput({ image: file.id }) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('image: the media file needs alternative text');

    await app().strapi.db.query('plugin::upload.file').update({ where: { id: file.id }, data: { alternativeText: 'The Grand Place in Lille' } });
    const accepted = await app().http().post('/api/cities').set(withToken(token)).send({ data: cityInput({ image: file.id }) });
    expect(accepted.status).toBe(201);
  });
});
