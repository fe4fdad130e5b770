import fs from 'fs';
import os from 'os';
import path from 'path';
import sharp from 'sharp';
import { EDITOR_ROLE, translatorRole } from '../../src/domain/roles';
import { SHARED_FIELDS_AUDIT_ACTION } from '../../src/document-middlewares/shared-fields';
import { createCity } from '../helpers/builders';
import { adminLogin, createApiToken, withToken } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

const CITY = 'api::city.city';
const CM = `/content-manager/collection-types/${CITY}`;

/**
 * Side effects across draft, published and locales. Fields every locale shares follow the English
 * version in each state, so they go live only when English is published; a draft edit never
 * changes what is published, derived names included.
 */
describe('shared fields and derived names across drafts, publishing and locales', () => {
  const app = useApp();
  const documents = () => app().strapi.documents(CITY);
  let editor: { headers: Record<string, string> };
  let translator: { headers: Record<string, string> };

  beforeAll(async () => {
    editor = await adminLogin(app(), EDITOR_ROLE.code);
    translator = await adminLogin(app(), translatorRole('fr').code);
  });

  /** Every version of a document: `locale state` → chosen columns. */
  const versions = async (documentId: string, columns: string[]) => {
    const rows: Array<Record<string, any>> = await app().strapi.db.query(CITY).findMany({ where: { documentId }, select: ['locale', 'publishedAt', ...columns] });
    return Object.fromEntries(rows.map((row) => [`${row.locale} ${row.publishedAt ? 'published' : 'draft'}`, Object.fromEntries(columns.map((column) => [column, row[column]]))]));
  };

  /** A published city in English and French, like the seeded ones. */
  const bilingualCity = async (overrides: Record<string, unknown> = {}) => {
    const city = await createCity(app(), { countryCode: 'FR', population: 1000, ...overrides });
    await documents().update({ documentId: city.documentId, locale: 'fr', status: 'published', data: { name: `${city.name} (fr)`, summary: 'Une ville.' } as any });
    await documents().update({ documentId: city.documentId, locale: 'de', status: 'published', data: { name: `${city.name} (de)`, summary: 'Eine Stadt.' } as any });
    return city.documentId;
  };

  it('a draft change of countryCode renames the drafts only; publishing English renames every published version', async () => {
    const documentId = await bilingualCity();
    await documents().update({ documentId, locale: 'en', data: { countryCode: 'BE' } as any });
    expect(await versions(documentId, ['countryCode', 'country'])).toEqual({
      'en draft': { countryCode: 'BE', country: 'Belgium' },
      'fr draft': { countryCode: 'BE', country: 'Belgique' },
      'de draft': { countryCode: 'BE', country: 'Belgien' },
      'en published': { countryCode: 'FR', country: 'France' },
      'fr published': { countryCode: 'FR', country: 'France' },
      'de published': { countryCode: 'FR', country: 'Frankreich' },
    });
    expect((await app().http().get(`/api/cities/${documentId}?locale=de`)).body.data).toMatchObject({ countryCode: 'FR', country: 'Frankreich' });

    await app().http().post(`${CM}/${documentId}/actions/publish?locale=en`).set(editor.headers).send({}).expect(200);
    const published = await versions(documentId, ['countryCode', 'country']);
    expect([published['en published'], published['fr published'], published['de published']]).toEqual([
      { countryCode: 'BE', country: 'Belgium' },
      { countryCode: 'BE', country: 'Belgique' },
      { countryCode: 'BE', country: 'Belgien' },
    ]);
    expect((await app().http().get(`/api/cities/${documentId}?locale=de`)).body.data).toMatchObject({ countryCode: 'BE', country: 'Belgien' });
  });

  it('records what publishing English changed in the other locales\' published versions', async () => {
    const documentId = await bilingualCity();
    await documents().update({ documentId, locale: 'en', data: { population: 2000 } as any });
    await app().http().post(`${CM}/${documentId}/actions/publish?locale=en`).set(editor.headers).send({}).expect(200);
    const entries = await app().strapi.db.query('api::audit-log-entry.audit-log-entry').findMany({ where: { targetDocumentId: documentId, action: SHARED_FIELDS_AUDIT_ACTION } });
    expect(entries.map((entry: any) => [entry.locale, entry.changedFields, entry.actorType]).sort()).toEqual([
      ['de', ['population'], 'admin'],
      ['fr', ['population'], 'admin'],
    ]);
  });

  it('a translator publishing their locale does not publish the editor\'s pending English edits of shared fields', async () => {
    const documentId = await bilingualCity();
    await app().http().put(`${CM}/${documentId}?locale=en`).set(editor.headers).send({ population: 999999, latitude: 12.5 }).expect(200);
    await app().http().put(`${CM}/${documentId}?locale=fr`).set(translator.headers).send({ summary: 'Une ville, relue.' }).expect(200);
    await app().http().post(`${CM}/${documentId}/actions/publish?locale=fr`).set(translator.headers).send({}).expect(200);

    const rows = await versions(documentId, ['population', 'latitude', 'summary']);
    expect(rows['fr published']).toEqual({ population: 1000, latitude: 48.85, summary: 'Une ville, relue.' });
    for (const key of ['en published', 'de published']) expect(rows[key]).toMatchObject({ population: 1000, latitude: 48.85 });
    // The pending edit is still pending, in every draft.
    for (const key of ['en draft', 'fr draft', 'de draft']) expect(rows[key]).toMatchObject({ population: 999999, latitude: 12.5 });
    const publicFrench = (await app().http().get(`/api/cities/${documentId}?locale=fr`)).body.data;
    expect(publicFrench).toMatchObject({ population: 1000, summary: 'Une ville, relue.' });
  });

  it('a translator discarding their draft, or starting a new translation, keeps the editor\'s pending edits', async () => {
    const documentId = await bilingualCity();
    await app().http().put(`${CM}/${documentId}?locale=en`).set(editor.headers).send({ population: 4242 }).expect(200);
    await app().http().put(`${CM}/${documentId}?locale=fr`).set(translator.headers).send({ summary: 'Brouillon abandonné.' }).expect(200);
    await app().http().post(`${CM}/${documentId}/actions/discard?locale=fr`).set(translator.headers).send({}).expect(200);
    let rows = await versions(documentId, ['population']);
    expect([rows['en draft'], rows['fr draft'], rows['de draft']]).toEqual([{ population: 4242 }, { population: 4242 }, { population: 4242 }]);

    // A new translation (Czech) starts from the English draft's shared fields, not the published ones.
    const czech = await adminLogin(app(), translatorRole('cs').code);
    await app().http().put(`${CM}/${documentId}?locale=cs`).set(czech.headers).send({ name: 'Město', summary: 'Nový překlad.' }).expect(200);
    rows = await versions(documentId, ['population']);
    expect([rows['en draft'], rows['cs draft'], rows['en published']]).toEqual([{ population: 4242 }, { population: 4242 }, { population: 1000 }]);
  });

  it('an editor changing a shared field from another locale\'s form changes it for every locale', async () => {
    const documentId = await bilingualCity();
    await app().http().put(`${CM}/${documentId}?locale=fr`).set(editor.headers).send({ population: 5555 }).expect(200);
    const rows = await versions(documentId, ['population']);
    expect([rows['en draft'], rows['fr draft'], rows['de draft'], rows['fr published']]).toEqual([{ population: 5555 }, { population: 5555 }, { population: 5555 }, { population: 1000 }]);
  });

  it('a translation cannot be published before the English version, on any path', async () => {
    const city = await createCity(app(), { name: 'Unpublished English' }, 'draft');
    await documents().update({ documentId: city.documentId, locale: 'fr', data: { name: 'Anglais non publié' } as any });
    const viaAdmin = await app().http().post(`${CM}/${city.documentId}/actions/publish?locale=fr`).set(editor.headers).send({});
    expect(viaAdmin.status).toBe(400);
    expect(viaAdmin.body.error.message).toMatch(/^locale: publish the English version first/);
    const token = await createApiToken(app(), 'full-access');
    const viaRest = await app().http().put(`/api/cities/${city.documentId}?locale=fr`).set(withToken(token)).send({ data: { summary: 'x' } });
    expect(viaRest.status).toBe(400);
    await expect(documents().publish({ documentId: city.documentId, locale: 'fr' })).rejects.toThrow(/publish the English version first/);
    expect(await versions(city.documentId, ['name'])).not.toHaveProperty('fr published');
  });

  it('keeps the shared image on the published English one when a translator publishes', async () => {
    const documentId = await bilingualCity();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pcms-shared-')), 'tower.png');
    fs.writeFileSync(file, await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } }).png().toBuffer());
    const [image] = await app()
      .strapi.plugin('upload')
      .service('upload')
      .upload({ data: { fileInfo: { name: 'tower.png', alternativeText: 'A tower' } }, files: { filepath: file, originalFilename: 'tower.png', mimetype: 'image/png', size: fs.statSync(file).size } });
    await app().http().put(`${CM}/${documentId}?locale=en`).set(editor.headers).send({ image: image.id }).expect(200);
    await app().http().post(`${CM}/${documentId}/actions/publish?locale=fr`).set(translator.headers).send({}).expect(200);
    const imageOf = async (locale: string, status: 'draft' | 'published') =>
      ((await documents().findOne({ documentId, locale, status, populate: ['image'] } as any)) as any)?.image?.id ?? null;
    expect([await imageOf('en', 'draft'), await imageOf('fr', 'draft'), await imageOf('fr', 'published'), await imageOf('en', 'published')]).toEqual([image.id, image.id, null, null]);
  });
});

