import { pruneHistory } from '../../src/history/retention';
import { createCity, seeded } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

const CITY = 'api::city.city';
const AUDIT = 'api::audit-log-entry.audit-log-entry';
const VERSIONS = 'api::document-version.document-version';

/** Version history: every saved change keeps a version; a version can be restored as the draft. */
describe('version history', () => {
  const app = useApp(() => ({ env: { HISTORY_RETENTION_DAYS: '30' } }));
  let editor: { headers: Record<string, string> };
  let translatorFr: { headers: Record<string, string> };
  let translatorDe: { headers: Record<string, string> };

  beforeAll(async () => {
    editor = await adminLogin(app(), 'international-relations-editor');
    translatorFr = await adminLogin(app(), 'translator-fr');
    translatorDe = await adminLogin(app(), 'translator-de');
  });

  const history = async (documentId: string, locale: string, who = editor) => {
    const response = await app().http().get(`/history?uid=${CITY}&documentId=${documentId}&locale=${locale}`).set(who.headers);
    expect(response.status).toBe(200);
    return response.body.data as Array<{ id: number; action: string; actorType: string; actorName: string | null; savedAt: string }>;
  };
  const cmSave = (who: { headers: Record<string, string> }, documentId: string, locale: string, data: Record<string, unknown>) =>
    app().http().put(`/content-manager/collection-types/${CITY}/${documentId}?locale=${locale}`).set(who.headers).send(data);
  const cmPublish = (who: { headers: Record<string, string> }, documentId: string, locale: string, data: Record<string, unknown> = {}) =>
    app().http().post(`/content-manager/collection-types/${CITY}/${documentId}/actions/publish?locale=${locale}`).set(who.headers).send(data);
  const restore = (id: number, who = editor) => app().http().post(`/history/${id}/restore`).set(who.headers).send({});
  const draft = (documentId: string, locale: string) => app().strapi.documents(CITY).findOne({ documentId, locale, status: 'draft' });
  const published = (documentId: string, locale: string) => app().strapi.documents(CITY).findOne({ documentId, locale, status: 'published' });

  it('keeps a version of every saved change, newest first, with who and the action; a save that changes nothing keeps none', async () => {
    const { documentId } = await createCity(app(), { name: 'Versionville', summary: 'First summary.' }, 'draft');
    expect((await cmSave(editor, documentId, 'en', { summary: 'Second summary.' })).status).toBe(200);
    expect((await cmSave(editor, documentId, 'en', { summary: 'Second summary.' })).status).toBe(200);
    expect((await cmPublish(editor, documentId, 'en')).status).toBe(200);
    const versions = await history(documentId, 'en');
    expect(versions.map((version) => version.action)).toEqual(['publish', 'update', 'create']);
    expect(versions[0]).toMatchObject({ actorType: 'admin' });
    expect(versions[2]).toMatchObject({ actorType: 'system' });
    expect(versions.map((version) => version.id)).toEqual([...versions.map((version) => version.id)].sort((a, b) => b - a));
    expect(await history(documentId, 'fr')).toEqual([]);
  });

  it('shows a version with the fields it differs in from the current draft', async () => {
    const { documentId } = await createCity(app(), { name: 'Diffville', summary: 'Old words.', population: 10 });
    await app().strapi.documents(CITY).update({ documentId, locale: 'en', data: { summary: 'New words.', population: 11 } as any });
    const [, first] = await history(documentId, 'en');
    const response = await app().http().get(`/history/${first.id}`).set(translatorFr.headers);
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ id: first.id, locale: 'en', data: { name: 'Diffville', summary: 'Old words.', population: 10 } });
    expect(response.body.data.changes).toEqual([
      { field: 'population', label: 'Population', version: 10, current: 11 },
      { field: 'summary', label: 'Summary', version: 'Old words.', current: 'New words.' },
    ]);
  });

  it('restores a version as the draft, never straight to published, and the audit log says so', async () => {
    const { documentId } = await createCity(app(), { name: 'Restoreville', summary: 'The good summary.' });
    expect((await cmPublish(editor, documentId, 'en', { summary: 'A bad edit.' })).status).toBe(200);
    const versions = await history(documentId, 'en');
    // Created and published by code, then a bad edit published from the panel: restore the first.
    const before = versions[versions.length - 1];
    expect(before.action).toBe('create');
    const restored = await restore(before.id);
    expect(restored.status).toBe(200);
    expect(await draft(documentId, 'en')).toMatchObject({ summary: 'The good summary.' });
    expect(await published(documentId, 'en')).toMatchObject({ summary: 'A bad edit.' });
    expect((await history(documentId, 'en'))[0]).toMatchObject({ action: 'restore', actorType: 'admin' });
    const entries = await app().strapi.db.query(AUDIT as any).findMany({ where: { targetDocumentId: documentId, action: 'restore' } });
    expect(entries).toHaveLength(1);
  });

  it("restores a translation's status with its text: older French made against older English is outdated again", async () => {
    const lille = await seeded(app(), CITY, 'lille');
    const status = async () =>
      (await app().http().get(`/translations/status?locale=fr&uid=${CITY}`).set(editor.headers)).body.data.documents.find((entry: any) => entry.documentId === lille).status;
    const english = await published(lille, 'en');
    await app().strapi.documents(CITY).update({ documentId: lille, locale: 'en', status: 'published', data: { summary: `${english!.summary} Twinned since 1968.` } as any });
    expect(await status()).toBe('outdated');
    const oldFrench = (await history(lille, 'fr'))[0];
    expect((await cmSave(translatorFr, lille, 'fr', { summary: 'Capitale des Flandres, jumelée depuis 1968.' })).status).toBe(200);
    expect(await status()).toBe('current');

    expect((await restore(oldFrench.id, translatorFr)).status).toBe(200);
    expect((await draft(lille, 'fr'))!.summary).not.toBe('Capitale des Flandres, jumelée depuis 1968.');
    expect(await status()).toBe('outdated');
  });

  it("lets translators restore only their own locale's text, never shared fields or English", async () => {
    const brno = await seeded(app(), CITY, 'brno');
    expect((await cmSave(translatorFr, brno, 'fr', { summary: 'Brno, version française revue.' })).status).toBe(200);
    const [frenchVersion] = await history(brno, 'fr');
    await app().strapi.documents(CITY).update({ documentId: brno, locale: 'en', data: { population: 400002 } as any });

    const refused = await restore(frenchVersion.id, translatorDe);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/^Your role may not update the fr version of city \S+$/);
    const [englishVersion] = await history(brno, 'en');
    expect((await restore(englishVersion.id, translatorFr)).status).toBe(403);

    expect((await restore(frenchVersion.id, translatorFr)).status).toBe(200);
    expect(await draft(brno, 'fr')).toMatchObject({ summary: 'Brno, version française revue.', population: 400002 });
  });

  it('refuses bad requests and callers without an admin session', async () => {
    expect((await app().http().get(`/history?uid=${CITY}&locale=en`).set(editor.headers)).status).toBe(400);
    expect((await app().http().get(`/history?uid=api::nope.nope&documentId=x&locale=en`).set(editor.headers)).status).toBe(400);
    expect((await app().http().get(`/history?uid=${CITY}&documentId=x&locale=xx`).set(editor.headers)).status).toBe(400);
    expect((await app().http().get('/history/999999').set(editor.headers)).status).toBe(404);
    expect((await app().http().get('/history/abc').set(editor.headers)).status).toBe(400);
    expect((await app().http().get(`/history?uid=${CITY}&uid=${CITY}&documentId=x&locale=en`).set(editor.headers)).status).toBe(400);
    expect((await app().http().get(`/history?uid=${CITY}&documentId=x&locale=en&page=0`).set(editor.headers)).status).toBe(400);
    expect((await app().http().get(`/history?uid=${CITY}&documentId=x&locale=en`)).status).toBe(401);
    expect((await app().http().post('/history/1/restore')).status).toBe(401);
  });

  it('prunes versions older than HISTORY_RETENTION_DAYS', async () => {
    const { documentId } = await createCity(app(), { name: 'Oldtown' });
    const [version] = await history(documentId, 'en');
    await app().strapi.db.query(VERSIONS as any).update({ where: { id: version.id }, data: { savedAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) } });
    expect(await pruneHistory(app().strapi)).toBeGreaterThanOrEqual(1);
    expect(await history(documentId, 'en')).toEqual([]);
  });
});
