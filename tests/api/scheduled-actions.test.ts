import { londonWallTime } from '../../src/scheduling/london-time';
import { createCity, rowSnapshot } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { appModule, useApp } from '../helpers/strapi';

// The app's own runner: the audit scope it sets must be the one the app's middlewares read.
const { runDueActions } = appModule<typeof import('../../src/scheduling/runner')>('scheduling/runner');

const CITY = 'api::city.city';
const AUDIT = 'api::audit-log-entry.audit-log-entry';
const VERSIONS = 'api::document-version.document-version';
const HOUR = 3_600_000;
type Caller = { headers: Record<string, string> };

/** Scheduled publish and unpublish on one instance; several instances: scheduling-instances.test.ts. */
describe('scheduled actions', () => {
  // The instance's own poller runs as in production (every second).
  const app = useApp();
  let editor: Caller;
  let translatorFr: Caller;

  beforeAll(async () => {
    editor = await adminLogin(app(), 'international-relations-editor');
    translatorFr = await adminLogin(app(), 'translator-fr');
  });

  const schedule = (body: Record<string, unknown>, who: Caller = editor) => app().http().post('/scheduled-actions').set(who.headers).send(body);
  const cancel = (id: number, who: Caller = editor) => app().http().delete(`/scheduled-actions/${id}`).set(who.headers);
  const list = async (query: string, who: Caller = editor) => {
    const response = await app().http().get(`/scheduled-actions?${query}`).set(who.headers);
    expect(response.status).toBe(200);
    return response.body.data as Array<Record<string, any>>;
  };
  const isPublished = async (documentId: string, locale: string) =>
    (await app().strapi.db.query(CITY).count({ where: { documentId, locale, publishedAt: { $notNull: true } } })) === 1;
  const auditActions = async (documentId: string) =>
    (await app().strapi.db.query(AUDIT).findMany({ where: { targetDocumentId: documentId }, orderBy: { id: 'asc' } })).map((entry: any) => ({
      action: entry.action,
      locale: entry.locale,
      actorEmail: entry.actorEmail,
      note: entry.note,
    }));
  /** A time far enough ahead that only a test's own clock reaches it. */
  const daysAhead = (days: number) => new Date(Date.now() + days * 24 * HOUR);
  /** Runs what is due at `at` (a test clock), as the poller would then. */
  const runAt = (at: Date) => runDueActions(app().strapi, () => at);

  it('publishes a draft at the time given in UK time, within 2 s, and the public API shows it at once', async () => {
    const { documentId, name } = await createCity(app(), {}, 'draft');
    const path = `/api/cities?filters[documentId][$eq]=${documentId}`;
    expect((await app().http().get(path)).body.data).toEqual([]);
    expect((await app().http().get(path)).headers['x-cache']).toBe('HIT');

    const due = new Date(Math.ceil((Date.now() + 2500) / 1000) * 1000);
    const response = await schedule({ uid: CITY, documentId, locale: 'en', action: 'publish', at: londonWallTime(due) });
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({ uid: CITY, documentId, label: name, locale: 'en', action: 'publish', at: due.toISOString(), state: 'pending' });
    expect(response.body.data.atUkTime).toMatch(/^\w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} (GMT|BST)$/);
    expect(await isPublished(documentId, 'en')).toBe(false);

    let served: unknown[] = [];
    while (served.length === 0 && Date.now() < due.getTime() + 5000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      served = (await app().http().get(path)).body.data;
    }
    const seenAfterMs = Date.now() - due.getTime();
    expect(served).toHaveLength(1);
    expect(seenAfterMs).toBeLessThan(2000);
    const [done] = await list(`documentId=${documentId}`);
    expect(done).toMatchObject({ state: 'done', lateBySeconds: null, failure: null, ranBy: expect.stringMatching(/:\d+$/) });
    expect(new Date(done.ranAt).getTime() - due.getTime()).toBeLessThan(2000);
    // Recorded as the editor's scheduled publish, in the audit log and the version history.
    expect(await auditActions(documentId)).toContainEqual(expect.objectContaining({ action: 'scheduled-publish', locale: 'en', actorEmail: expect.stringContaining('@leeds.example') }));
    expect(await app().strapi.db.query(VERSIONS).count({ where: { targetDocumentId: documentId, action: 'scheduled-publish' } })).toBe(1);
  });

  it('unpublishes at its time (a partnership or project expires), for one locale or every locale', async () => {
    const { documentId } = await createCity(app());
    await app().strapi.documents(CITY).update({ documentId, locale: 'fr', data: { name: 'Ville Expirante', summary: 'Une ville.' } as any });
    await app().strapi.documents(CITY).publish({ documentId, locale: 'fr' });
    const at = daysAhead(1);
    expect((await schedule({ uid: CITY, documentId, locale: 'fr', action: 'unpublish', at: at.toISOString() }, translatorFr)).status).toBe(201);
    expect((await schedule({ uid: CITY, documentId, locale: '*', action: 'unpublish', at: new Date(at.getTime() + HOUR).toISOString() })).status).toBe(201);

    await runAt(new Date(at.getTime() + 1000));
    expect([await isPublished(documentId, 'en'), await isPublished(documentId, 'fr')]).toEqual([true, false]);
    await runAt(new Date(at.getTime() + HOUR + 1000));
    expect([await isPublished(documentId, 'en'), await isPublished(documentId, 'fr')]).toEqual([false, false]);
    expect((await list(`documentId=${documentId}`)).map((action) => [action.locale, action.action, action.state])).toEqual([
      ['*', 'unpublish', 'done'],
      ['fr', 'unpublish', 'done'],
    ]);
  });

  it('publishes every locale at once: English first, so its translations may follow', async () => {
    const { documentId } = await createCity(app(), {}, 'draft');
    await app().strapi.documents(CITY).update({ documentId, locale: 'fr', data: { name: 'Ville Ensemble' } as any });
    await app().strapi.documents(CITY).update({ documentId, locale: 'de', data: { name: 'Stadt Zusammen' } as any });
    const at = daysAhead(2);
    expect((await schedule({ uid: CITY, documentId, locale: '*', action: 'publish', at: at.toISOString() })).status).toBe(201);
    expect(await runAt(new Date(at.getTime() + 1000))).toBeGreaterThanOrEqual(1);
    expect([await isPublished(documentId, 'en'), await isPublished(documentId, 'fr'), await isPublished(documentId, 'de')]).toEqual([true, true, true]);
  });

  it('refuses, when scheduled, a publish that would fail now, saying why, and publishes nothing trying', async () => {
    const { documentId } = await createCity(app(), {}, 'draft');
    await app().strapi.documents(CITY).update({ documentId, locale: 'fr', data: { name: 'Ville Trop Tôt' } as any });
    const before = await rowSnapshot(app(), CITY);
    const refused = await schedule({ uid: CITY, documentId, locale: 'fr', action: 'publish', at: daysAhead(400).toISOString() }, translatorFr);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toMatchObject({ code: 'would-fail' });
    expect(refused.body.error.message).toMatch(/^Publishing would fail: .*English/);
    expect(await rowSnapshot(app(), CITY)).toEqual(before);
    expect(await list(`documentId=${documentId}`)).toEqual([]);
  });

  it('records a publish that fails at its time as failed, with the reason, on the page and in the audit log, and never half-publishes', async () => {
    const { documentId } = await createCity(app(), {}, 'draft');
    await app().strapi.documents(CITY).update({ documentId, locale: 'fr', data: { name: 'Ville Cassée' } as any });
    const at = daysAhead(3);
    const scheduled = await schedule({ uid: CITY, documentId, locale: '*', action: 'publish', at: at.toISOString() });
    expect(scheduled.status).toBe(201);
    // After it was scheduled, the French draft lost its required name (written past the rules, as a broken import might).
    await app().strapi.db.query(CITY).update({ where: { documentId, locale: 'fr', publishedAt: null }, data: { name: null } });

    await runAt(new Date(at.getTime() + 1000));
    const [failed] = await list(`documentId=${documentId}`);
    expect(failed).toMatchObject({ id: scheduled.body.data.id, state: 'failed', failure: expect.stringMatching(/name/) });
    // English would have published on its own: all or nothing, so it was not.
    expect([await isPublished(documentId, 'en'), await isPublished(documentId, 'fr')]).toEqual([false, false]);
    const audit = await auditActions(documentId);
    expect(audit.filter((entry) => entry.action.startsWith('scheduled-'))).toEqual([
      { action: 'scheduled-publish-failed', locale: '*', actorEmail: expect.stringContaining('@leeds.example'), note: failed.failure },
    ]);
    const log = await app().http().get(`/audit-log?documentId=${documentId}&action=scheduled-publish-failed`).set(editor.headers);
    expect(log.body.data).toEqual([expect.objectContaining({ action: 'scheduled-publish-failed', note: failed.failure })]);
  });

  it('a failure of a document deleted since is recorded too', async () => {
    const { documentId } = await createCity(app(), {}, 'draft');
    const at = daysAhead(4);
    expect((await schedule({ uid: CITY, documentId, locale: 'en', action: 'publish', at: at.toISOString() })).status).toBe(201);
    await app().strapi.documents(CITY).delete({ documentId, locale: '*' });
    await runAt(new Date(at.getTime() + 1000));
    expect((await list(`documentId=${documentId}`))[0]).toMatchObject({ state: 'failed', failure: 'The document no longer exists in en' });
  });

  it('cancels a pending action, which then never runs; one that ran or was cancelled cannot be cancelled', async () => {
    const { documentId } = await createCity(app(), {}, 'draft');
    const at = daysAhead(5);
    const { body } = await schedule({ uid: CITY, documentId, locale: 'en', action: 'publish', at: at.toISOString() });
    const cancelled = await cancel(body.data.id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data).toMatchObject({ id: body.data.id, state: 'cancelled' });
    await runAt(new Date(at.getTime() + 1000));
    expect(await isPublished(documentId, 'en')).toBe(false);
    const again = await cancel(body.data.id);
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({ code: 'not-pending' });
    expect((await cancel(999_999)).status).toBe(404);
  });

  it('translators schedule and cancel only their own locale; never every locale at once', async () => {
    const { documentId } = await createCity(app());
    await app().strapi.documents(CITY).update({ documentId, locale: 'fr', data: { name: 'Ville Traduite' } as any });
    await app().strapi.documents(CITY).update({ documentId, locale: 'de', data: { name: 'Übersetzte Stadt' } as any });
    const at = daysAhead(500).toISOString();
    for (const locale of ['en', 'de', '*']) {
      const refused = await schedule({ uid: CITY, documentId, locale, action: 'publish', at }, translatorFr);
      expect({ locale, status: refused.status, code: refused.body.error?.details?.code }).toEqual({ locale, status: 403, code: 'locale-forbidden' });
    }
    const own = await schedule({ uid: CITY, documentId, locale: 'fr', action: 'publish', at }, translatorFr);
    expect(own.status).toBe(201);
    const german = await schedule({ uid: CITY, documentId, locale: 'de', action: 'publish', at });
    expect(german.status).toBe(201);
    expect((await cancel(german.body.data.id, translatorFr)).status).toBe(403);
    expect((await cancel(own.body.data.id, translatorFr)).status).toBe(200);
    // Everyone in the panel can see what is scheduled.
    expect((await list(`documentId=${documentId}&state=pending`, translatorFr)).map((action) => action.locale)).toEqual(['de']);
  });

  it.each([
    [{ locale: 'en', action: 'publish', at: '2020-01-01T09:00' }, 400, 'time-passed'],
    [{ locale: 'en', action: 'publish', at: '2030-03-31T01:30' }, 400, 'invalid-field'],
    [{ locale: 'en', action: 'publish', at: 'next Tuesday' }, 400, 'invalid-field'],
    [{ locale: 'xx', action: 'publish', at: '2030-01-01T09:00' }, 400, 'invalid-field'],
    [{ locale: 'en', action: 'delete', at: '2030-01-01T09:00' }, 400, 'invalid-field'],
    [{ locale: 'en', action: 'publish' }, 400, 'invalid-field'],
    [{ uid: 'admin::user', locale: 'en', action: 'publish', at: '2030-01-01T09:00' }, 400, 'invalid-field'],
    [{ documentId: 'no-such-document', locale: 'en', action: 'publish', at: '2030-01-01T09:00' }, 404, undefined],
  ])('refuses %j (%i)', async (fields, status, code) => {
    const { documentId } = await createCity(app(), {}, 'draft');
    const response = await schedule({ uid: CITY, documentId, ...fields });
    expect({ status: response.status, code: response.body.error?.details?.code }).toEqual({ status, code });
  });

  it('is for signed-in admins only', async () => {
    expect((await app().http().get('/scheduled-actions')).status).toBe(401);
    expect((await app().http().post('/scheduled-actions').send({})).status).toBe(401);
    expect((await app().http().get('/api/scheduled-actions')).status).toBe(404);
    expect((await app().http().get('/scheduled-actions?state=soon').set(editor.headers)).status).toBe(400);
  });
});
