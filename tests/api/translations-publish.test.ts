import { errors } from '@strapi/utils';
import { createCity, rowSnapshot, seeded } from '../helpers/builders';
import { adminLogin, createApiToken, publicGet, withToken } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

const CITY = 'api::city.city';
const THEME = 'api::theme.theme';
const AUDIT = 'api::audit-log-entry.audit-log-entry';

/** POST /translations/publish: a locale's ready drafts, in one step, all or nothing. */
describe('publishing a language in one step', () => {
  const app = useApp();
  let editor: { headers: Record<string, string> };
  let translatorFr: { headers: Record<string, string> };
  let translatorDe: { headers: Record<string, string> };
  const ids: Record<'modified' | 'created' | 'outdated' | 'invalid' | 'theme', string> = {} as any;
  /** Set by a test to make the real publish of one document fail (the trial run still passes). */
  let failRealPublishOf: string | undefined;

  const publish = (who: { headers: Record<string, string> }, body: Record<string, unknown>) => app().http().post('/translations/publish').set(who.headers).send(body);
  const frenchDraft = (uid: string, documentId: string, data: Record<string, unknown>) => app().strapi.documents(uid as any).update({ documentId, locale: 'fr', data: data as any });
  const publishedFrench = (uid: string, documentId: string) => app().strapi.documents(uid as any).findOne({ documentId, locale: 'fr', status: 'published' });

  beforeAll(async () => {
    editor = await adminLogin(app(), 'international-relations-editor');
    translatorFr = await adminLogin(app(), 'translator-fr');
    translatorDe = await adminLogin(app(), 'translator-de');

    const trials = new Map<string, number>();
    app().strapi.documents.use(async (context: any, next: () => Promise<any>) => {
      if (context.action === 'publish' && context.params.documentId === failRealPublishOf) {
        const seen = (trials.get(failRealPublishOf!) ?? 0) + 1;
        trials.set(failRealPublishOf!, seen);
        if (seen % 2 === 0) throw new errors.ApplicationError('Injected failure of the real publish');
      }
      return next();
    });

    // A published French translation edited since: modified.
    ids.modified = await seeded(app(), CITY, 'lille');
    await frenchDraft(CITY, ids.modified, { summary: 'Capitale des Flandres françaises, jumelée avec Leeds depuis 1968.' });
    // A French translation never published: new.
    ids.created = (await createCity(app(), { name: 'Publiville' })).documentId;
    await frenchDraft(CITY, ids.created, { name: 'Publiville', summary: 'Une ville pour publier.' });
    // Edited in French, then the English changed: outdated, not published.
    ids.outdated = await seeded(app(), CITY, 'brno');
    await frenchDraft(CITY, ids.outdated, { summary: 'Brno, brouillon français.' });
    await app().strapi.documents(CITY).update({ documentId: ids.outdated, locale: 'en', status: 'published', data: { summary: 'Brno, a new English summary.' } as any });
    // A French draft that lost its required name (written past the rules, as an old import could): publishing it is refused.
    ids.invalid = (await createCity(app(), { name: 'Nameless in French' })).documentId;
    await frenchDraft(CITY, ids.invalid, { name: 'Sans nom', summary: 'Sans nom.' });
    await app().strapi.db.query(CITY).update({ where: { documentId: ids.invalid, locale: 'fr', publishedAt: null }, data: { name: null } });
    // Another type: a theme's French draft.
    ids.theme = await seeded(app(), THEME, 'culture');
    await frenchDraft(THEME, ids.theme, { description: 'La culture, révisée.' });
  });

  it('lists what it would publish and what it leaves, publishing nothing, in a dry run', async () => {
    const before = await Promise.all([CITY, THEME].map((uid) => rowSnapshot(app(), uid)));
    const response = await publish(editor, { locale: 'fr', dryRun: true });
    expect(response.status).toBe(200);
    const { ready, skipped, published, dryRun } = response.body.data;
    expect(dryRun).toBe(true);
    expect(published).toEqual([]);
    expect(ready).toEqual(
      expect.arrayContaining([
        { uid: CITY, documentId: ids.modified, label: 'Lille', change: 'modified' },
        { uid: CITY, documentId: ids.created, label: 'Publiville', change: 'new' },
        expect.objectContaining({ uid: THEME, documentId: ids.theme, change: 'modified' }),
      ]),
    );
    expect(ready).toHaveLength(3);
    expect(skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ documentId: ids.outdated, reason: expect.stringMatching(/outdated/) }),
        expect.objectContaining({ documentId: ids.invalid, reason: expect.stringMatching(/name/) }),
      ]),
    );
    expect(await Promise.all([CITY, THEME].map((uid) => rowSnapshot(app(), uid)))).toEqual(before);
  });

  it("refuses another locale's translator and bad input", async () => {
    const refused = await publish(translatorDe, { locale: 'fr' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('Your role may not publish fr versions of theme, city, partnership, project, international-relations-page');
    expect((await publish(editor, { locale: 'en' })).status).toBe(400);
    expect((await publish(editor, { locale: 'fr', dryRun: 'yes' })).status).toBe(400);
    expect((await app().http().post('/translations/publish').send({ locale: 'fr' })).status).toBe(401);
    // An API token, even full-access, is not an admin session.
    const token = await createApiToken(app(), 'full-access');
    expect((await app().http().post('/translations/publish').set(withToken(token)).send({ locale: 'fr', dryRun: true })).status).toBe(401);
    // Other spellings of the path reach the same route and the same refusal.
    expect((await app().http().post('/Translations/Publish').set(translatorDe.headers).send({ locale: 'fr' })).status).toBe(403);
  });

  it('publishes nothing when one publish fails in the real run', async () => {
    failRealPublishOf = ids.created;
    const before = await Promise.all([CITY, THEME].map((uid) => rowSnapshot(app(), uid)));
    const response = await publish(translatorFr, { locale: 'fr' });
    failRealPublishOf = undefined;
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^Nothing published\. Publiville: Injected failure/);
    expect(await Promise.all([CITY, THEME].map((uid) => rowSnapshot(app(), uid)))).toEqual(before);
  });

  it("publishes the locale's ready drafts for its translator, one audit entry each, public at once", async () => {
    const response = await publish(translatorFr, { locale: 'fr' });
    expect(response.status).toBe(200);
    expect(response.body.data.published.map((entry: any) => entry.documentId).sort()).toEqual([ids.modified, ids.created, ids.theme].sort());

    expect(await publishedFrench(CITY, ids.modified)).toMatchObject({ summary: 'Capitale des Flandres françaises, jumelée avec Leeds depuis 1968.' });
    expect(await publishedFrench(CITY, ids.created)).toMatchObject({ name: 'Publiville' });
    expect(await publishedFrench(THEME, ids.theme)).toMatchObject({ description: 'La culture, révisée.' });
    expect(await publishedFrench(CITY, ids.outdated)).not.toMatchObject({ summary: 'Brno, brouillon français.' });
    expect(await publishedFrench(CITY, ids.invalid)).toBeNull();

    const lille = await publicGet(app(), `/api/cities/${ids.modified}?locale=fr`);
    expect(lille.body.data.summary).toBe('Capitale des Flandres françaises, jumelée avec Leeds depuis 1968.');

    const entries = await app().strapi.db.query(AUDIT as any).findMany({ where: { action: 'translations-publish' } });
    expect(entries.map((entry: any) => entry.targetDocumentId).sort()).toEqual([ids.modified, ids.created, ids.theme].sort());
    expect(entries.every((entry: any) => entry.locale === 'fr' && entry.actorName)).toBe(true);

    const again = await publish(editor, { locale: 'fr' });
    expect(again.body.data).toMatchObject({ ready: [], published: [] });
  });
});
