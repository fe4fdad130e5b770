import { createCity } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

const CITY = 'api::city.city';
const VERSIONS = 'api::document-version.document-version';

/** HISTORY_ENABLED=false: saves go through as usual and keep no version. */
describe('version history switched off', () => {
  const app = useApp(() => ({ env: { HISTORY_ENABLED: 'false' } }));

  it('keeps no version of a create, a Content Manager save or a publish, and lists none', async () => {
    const editor = await adminLogin(app(), 'international-relations-editor');
    const { documentId } = await createCity(app(), { name: 'Unversionville', summary: 'First summary.' }, 'draft');
    const save = await app().http().put(`/content-manager/collection-types/${CITY}/${documentId}?locale=en`).set(editor.headers).send({ summary: 'Second summary.' });
    expect(save.status).toBe(200);
    const publish = await app().http().post(`/content-manager/collection-types/${CITY}/${documentId}/actions/publish?locale=en`).set(editor.headers).send({});
    expect(publish.status).toBe(200);
    expect(await app().strapi.documents(CITY).findOne({ documentId, locale: 'en', status: 'published' })).toMatchObject({ summary: 'Second summary.' });

    expect(await app().strapi.db.query(VERSIONS as any).count({ where: { targetDocumentId: documentId } })).toBe(0);
    const history = await app().http().get(`/history?uid=${CITY}&documentId=${documentId}&locale=en`).set(editor.headers);
    expect(history.status).toBe(200);
    expect(history.body.data).toEqual([]);
  });
});
