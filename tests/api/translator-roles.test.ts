import { cityInput, rowSnapshot, seeded } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

const CITY = 'api::city.city';
const PARTNERSHIP = 'api::partnership.partnership';
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;

/** Editor and translator roles, and a translator held to their locale on every Content Manager path. */
describe('admin roles', () => {
  const app = useApp();
  let translator: { headers: Record<string, string> };
  let editor: { headers: Record<string, string> };
  let lille: string;

  beforeAll(async () => {
    translator = await adminLogin(app(), 'translator-fr');
    editor = await adminLogin(app(), 'international-relations-editor');
    lille = await seeded(app(), CITY, 'lille');
  });

  /** Like the admin panel: the locale in the query and, for writes, in the body (where the Content Manager reads it). */
  const send = (method: 'get' | 'post' | 'put' | 'delete', path: string, who: { headers: Record<string, string> }, body?: Record<string, unknown>) => {
    const locale = new URL(path, 'http://x').searchParams.get('locale');
    const request = app().http()[method](path).set(who.headers);
    return method === 'get' || method === 'delete' ? request : request.send({ ...(locale ? { locale } : {}), ...body });
  };

  /** The request is refused with 403 and no row of the type changes. */
  const refusedUnchanged = async (uid: string, request: () => Promise<{ status: number; body: any }>) => {
    const before = await rowSnapshot(app(), uid);
    const response = await request();
    expect(response.status).toBe(403);
    expect(await rowSnapshot(app(), uid)).toEqual(before);
    return response;
  };

  it('seeds the editor and one translator role per translated locale', async () => {
    const roles = await app().strapi.db.query('admin::role').findMany({ select: ['code', 'name'] });
    expect(roles.map((role: any) => role.name)).toEqual(
      expect.arrayContaining(['International Relations Editor', 'Translator (fr)', 'Translator (de)', 'Translator (cs)', 'Translator (zh-Hans)']),
    );
    const permissions = await app().strapi.db.query('admin::permission').findMany({ where: { role: { code: 'translator-fr' } } });
    const update = permissions.find((p: any) => p.action === 'plugin::content-manager.explorer.update' && p.subject === CITY);
    expect(update.properties.locales).toEqual(['fr']);
    expect(update.properties.fields).toEqual(expect.arrayContaining(['name', 'summary', 'description']));
    expect(update.properties.fields).not.toContain('countryCode');
    expect(permissions.some((p: any) => p.action === 'plugin::content-manager.explorer.delete')).toBe(false);
  });

  it('lets the translator read every locale and edit their own', async () => {
    expect((await send('get', `${cm(CITY)}/${lille}?locale=de`, translator)).status).toBe(200);
    const edited = await send('put', `${cm(CITY)}/${lille}?locale=fr`, translator, { summary: 'Résumé revu par la traductrice.' });
    expect(edited.status).toBe(200);
    expect(edited.body.data.summary).toBe('Résumé revu par la traductrice.');
  });

  it('refuses editing another locale', async () => {
    await refusedUnchanged(CITY, () => send('put', `${cm(CITY)}/${lille}?locale=de`, translator, { summary: 'Nicht meine Sprache' }));
  });

  it("refuses creating another locale's version, allows creating their own", async () => {
    const created = await send('post', `${cm(CITY)}?locale=en`, editor, cityInput({ name: 'Only English Town' }));
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    await refusedUnchanged(CITY, () => send('put', `${cm(CITY)}/${documentId}?locale=de`, translator, { name: 'Nur Englisch' }));
    const own = await send('put', `${cm(CITY)}/${documentId}?locale=fr`, translator, { name: 'Ville seulement anglaise' });
    expect(own.status).toBe(200);
    expect(own.body.data.locale).toBe('fr');
  });

  it('refuses creating documents', async () => {
    const response = await refusedUnchanged(CITY, () => send('post', `${cm(CITY)}?locale=fr`, translator, cityInput({ name: 'Nouvelle ville' })));
    expect(response.body.error.message).toMatch(/^Your role may not create en versions of city/);
  });

  it('refuses changing fields shared by every locale, and relations', async () => {
    const shared = await refusedUnchanged(CITY, () => send('put', `${cm(CITY)}/${lille}?locale=fr`, translator, { countryCode: 'BE' }));
    expect(shared.body.error.message).toMatch(/^Your role may not change countryCode in the fr version: shared by every locale/);
    const partnership = await seeded(app(), PARTNERSHIP, 'leeds-lille');
    const brno = await seeded(app(), CITY, 'brno');
    await refusedUnchanged(PARTNERSHIP, () => send('put', `${cm(PARTNERSHIP)}/${partnership}?locale=fr`, translator, { city: { connect: [{ documentId: brno }], disconnect: [] } }));
    await refusedUnchanged(PARTNERSHIP, () => send('put', `${cm(PARTNERSHIP)}/${partnership}?locale=fr`, translator, { startYear: 1970 }));
    const file = await app().strapi.db.query('plugin::upload.file').create({
      data: { name: 'brno.jpg', hash: 'brno_translator', ext: '.jpg', mime: 'image/jpeg', size: 1, url: '/uploads/brno.jpg', provider: 'local', alternativeText: 'Brno' },
    });
    await refusedUnchanged(CITY, () => send('put', `${cm(CITY)}/${lille}?locale=fr`, translator, { image: { id: file.id } }));
    expect((await send('put', `${cm(CITY)}/${lille}?locale=fr`, translator, { image: null, summary: 'Sans image.' })).status).toBe(200);
    const unchangedShared = await send('put', `${cm(PARTNERSHIP)}/${partnership}?locale=fr`, translator, { startYear: 1968, city: { connect: [], disconnect: [] }, summary: 'Jumelage depuis 1968.' });
    expect(unchangedShared.status).toBe(200);
  });

  it('publishes their own locale, never the default one', async () => {
    expect((await send('post', `${cm(CITY)}/${lille}/actions/publish?locale=fr`, translator, {})).status).toBe(200);
    await refusedUnchanged(CITY, () => send('post', `${cm(CITY)}/${lille}/actions/publish?locale=en`, translator, {}));
    await refusedUnchanged(CITY, () => send('post', `${cm(CITY)}/${lille}/actions/unpublish?locale=en`, translator, {}));
    await refusedUnchanged(CITY, () => send('post', `${cm(CITY)}/${lille}/actions/discard?locale=en`, translator, {}));
  });

  it('refuses deleting, one by one or in bulk', async () => {
    await refusedUnchanged(CITY, () => send('delete', `${cm(CITY)}/${lille}?locale=fr`, translator));
    await refusedUnchanged(CITY, () => send('post', `${cm(CITY)}/actions/bulkDelete?locale=fr`, translator, { documentIds: [lille] }));
  });

  it('refuses bulk publishing and unpublishing another locale', async () => {
    await refusedUnchanged(CITY, () => send('post', `${cm(CITY)}/actions/bulkPublish?locale=en`, translator, { documentIds: [lille] }));
    await refusedUnchanged(CITY, () => send('post', `${cm(CITY)}/actions/bulkUnpublish?locale=en`, translator, { documentIds: [lille] }));
  });

  it('leaves editors free to create, publish and delete in any locale', async () => {
    const created = await send('post', `${cm(CITY)}?locale=en`, editor, cityInput({ name: 'Editor Town' }));
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    expect((await send('put', `${cm(CITY)}/${documentId}?locale=de`, editor, { name: 'Redakteursstadt' })).status).toBe(200);
    expect((await send('post', `${cm(CITY)}/${documentId}/actions/publish?locale=en`, editor, {})).status).toBe(200);
    expect((await send('delete', `${cm(CITY)}/${documentId}?locale=de`, editor)).status).toBe(200);
  });
});
