import { jsToXliff12, xliff12ToJs } from 'xliff';
import { cityInput, createCity, rowSnapshot, seeded } from '../helpers/builders';
import { adminLogin, createApiToken, withToken } from '../helpers/callers';
import { queryDatabase } from '../setup/database';
import { useApp } from '../helpers/strapi';

const CITY = 'api::city.city';
const AUDIT = 'api::audit-log-entry.audit-log-entry';
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
type Caller = { email: string; headers: Record<string, string> };

/** Every content change is in the audit log, with who made it, and the log cannot be rewritten. */
describe('audit log', () => {
  const app = useApp();
  let editor: Caller;
  let translator: Caller;

  beforeAll(async () => {
    editor = await adminLogin(app(), 'international-relations-editor');
    translator = await adminLogin(app(), 'translator-fr');
  });

  /** The entries about one document, oldest first. */
  const entriesFor = async (documentId: string) =>
    app().strapi.db.query(AUDIT as any).findMany({ where: { targetDocumentId: documentId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });

  it('records REST API writes with the API token name and the changed fields', async () => {
    const token = await app().strapi.service('admin::api-token').create({
      name: 'council-website-importer',
      kind: 'content-api',
      type: 'custom',
      lifespan: null,
      permissions: ['api::city.city.create', 'api::city.city.update'],
    });
    const created = await app().http().post('/api/cities?status=draft').set(withToken(token.accessKey)).send({ data: cityInput({ name: 'Auditville' }) });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    const updated = await app().http().put(`/api/cities/${documentId}?status=draft`).set(withToken(token.accessKey)).send({ data: { summary: 'A new summary.' } });
    expect(updated.status).toBe(200);

    const [create, update] = await entriesFor(documentId);
    expect(create).toMatchObject({ action: 'create', targetUid: CITY, targetLabel: 'Auditville', locale: 'en', actorType: 'api-token', actorName: 'council-website-importer' });
    expect(create.changedFields).toEqual(expect.arrayContaining(['name', 'slug', 'countryCode', 'country', 'latitude', 'summary']));
    expect(update).toMatchObject({ action: 'update', locale: 'en', actorType: 'api-token', actorId: String(token.id), changedFields: ['summary'] });
    expect(new Date(update.occurredAt).getTime()).toBeGreaterThanOrEqual(new Date(create.occurredAt).getTime());
  });

  it('records admin panel edits, publish, unpublish, discard and delete with the admin user', async () => {
    const city = await createCity(app(), {}, 'draft');
    const { documentId } = city;
    const path = `${cm(CITY)}/${documentId}`;
    const asEditor = (method: 'post' | 'put' | 'delete', url: string, body: Record<string, unknown> = {}) =>
      app().http()[method](url).set(editor.headers).send({ locale: 'en', ...body });

    expect((await asEditor('put', `${path}?locale=en`, { population: 4242 })).status).toBe(200);
    expect((await asEditor('post', `${path}/actions/publish?locale=en`)).status).toBe(200);
    expect((await asEditor('put', `${path}?locale=en`, { summary: 'Changed after publishing.' })).status).toBe(200);
    expect((await asEditor('post', `${path}/actions/discard?locale=en`)).status).toBe(200);
    expect((await asEditor('post', `${path}/actions/unpublish?locale=en`)).status).toBe(200);
    expect((await app().http().delete(`${path}?locale=en`).set(editor.headers)).status).toBe(200);

    const entries = (await entriesFor(documentId)).filter((entry: any) => entry.locale === 'en' || entry.locale === '*');
    expect(entries.map((entry: any) => entry.action)).toEqual(['create', 'update', 'publish', 'update', 'discardDraft', 'unpublish', 'delete']);
    // The first entry is the builder's Document Service call: code with no request is `system`.
    expect(entries[0]).toMatchObject({ actorType: 'system', actorName: 'system' });
    for (const entry of entries.slice(1)) expect(entry).toMatchObject({ actorType: 'admin', actorEmail: editor.email });
    expect(entries[1].changedFields).toEqual(['population']);
    expect(entries[2].changedFields).toEqual(expect.arrayContaining(['name', 'population', 'summary']));
    expect(entries[3].changedFields).toEqual(['summary']);
    expect(entries[4].changedFields).toEqual(['summary']);
    // The document is named in every entry, the delete included.
    expect(new Set(entries.map((entry: any) => entry.targetLabel))).toEqual(new Set([city.name]));
  });

  it('records a translator editing their locale, and an XLIFF import as such', async () => {
    const lille = await seeded(app(), CITY, 'lille');
    const edited = await app().http().put(`${cm(CITY)}/${lille}?locale=fr`).set(translator.headers).send({ locale: 'fr', summary: 'Résumé revu.' });
    expect(edited.status).toBe(200);
    const [edit] = (await entriesFor(lille)).filter((entry: any) => entry.action === 'update' && entry.locale === 'fr');
    expect(edit).toMatchObject({ actorType: 'admin', actorEmail: translator.email, changedFields: ['summary'] });

    const exported = await app().http().get(`/translations/xliff?locale=fr&uid=${CITY}`).set(translator.headers).buffer(true).parse((res, done) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => done(null, body));
    });
    const file = await xliff12ToJs(exported.body as string);
    const unit = file.resources[CITY][`${lille}/name`];
    unit.target = 'Lille (Nord)';
    file.resources = { [CITY]: { [`${lille}/name`]: unit } };
    const imported = await app().http().post('/translations/xliff?locale=fr').set(translator.headers).set('Content-Type', 'text/plain').send(await jsToXliff12(file));
    expect(imported.status).toBe(200);
    const importEntries = (await entriesFor(lille)).filter((entry: any) => entry.action === 'xliff-import');
    expect(importEntries).toEqual([expect.objectContaining({ locale: 'fr', actorEmail: translator.email, changedFields: ['name'] })]);
  });

  it('fails the change when its entry cannot be written (same transaction)', async () => {
    const lille = await seeded(app(), CITY, 'lille');
    const before = await rowSnapshot(app(), CITY);
    await queryDatabase(app().database, 'ALTER TABLE audit_log_entries RENAME TO audit_log_entries_away');
    try {
      const response = await app().http().put(`${cm(CITY)}/${lille}?locale=en`).set(editor.headers).send({ locale: 'en', population: 1 });
      expect(response.status).toBeGreaterThanOrEqual(500);
    } finally {
      await queryDatabase(app().database, 'ALTER TABLE audit_log_entries_away RENAME TO audit_log_entries');
    }
    expect(await rowSnapshot(app(), CITY)).toEqual(before);
  });

  describe('GET /audit-log', () => {
    let durban: string;
    beforeAll(async () => {
      durban = await seeded(app(), CITY, 'durban');
      await app().http().put(`${cm(CITY)}/${durban}?locale=en`).set(editor.headers).send({ locale: 'en', population: 3_000_001 });
      await app().http().put(`${cm(CITY)}/${durban}?locale=en`).set(editor.headers).send({ locale: 'en', population: 3_000_002 });
    });

    const list = (query: string, who: Caller = editor) => app().http().get(`/audit-log?${query}`).set(who.headers);
    let superAdmin: Caller;
    beforeAll(async () => {
      superAdmin = await adminLogin(app());
    });

    it('filters by user, type and documentId, newest first, paginated', async () => {
      const response = await list(`user=${encodeURIComponent(editor.email)}&type=city&documentId=${durban}&pageSize=1`, superAdmin);
      expect(response.status).toBe(200);
      expect(response.body.meta.pagination).toEqual({ page: 1, pageSize: 1, pageCount: 2, total: 2 });
      expect(response.body.data).toHaveLength(1);
      // The design card's shape: {at, user, action, uid, documentId, locale}, plus label and changedFields.
      expect(response.body.data[0]).toEqual({
        id: expect.any(Number),
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        user: { type: 'admin', id: expect.any(String), name: expect.any(String), email: editor.email },
        action: 'update',
        uid: CITY,
        documentId: durban,
        label: 'Durban',
        locale: 'en',
        changedFields: ['population'],
        note: null,
      });
      const second = await list(`user=${encodeURIComponent(editor.email)}&type=api::city.city&documentId=${durban}&pageSize=1&page=2`, superAdmin);
      expect(second.body.data[0].id).toBeLessThan(response.body.data[0].id);
    });

    it("shows other admins' e-mail addresses only to those who may read admin users, and never matches them for others", async () => {
      const seen = await list(`documentId=${durban}&pageSize=1`);
      expect(seen.status).toBe(200);
      expect(seen.body.data[0].user).toEqual({ type: 'admin', id: expect.any(String), name: expect.any(String), email: null });
      // The filter would otherwise tell an editor whose address it is, one letter at a time.
      expect((await list(`documentId=${durban}&user=${encodeURIComponent(editor.email)}`)).body.meta.pagination.total).toBe(0);
      expect((await list(`documentId=${durban}&user=${seen.body.data[0].user.id}`)).body.meta.pagination.total).toBe(2);
    });

    it('filters by date range', async () => {
      const all = await list(`documentId=${durban}&user=${encodeURIComponent(editor.email)}`, superAdmin);
      const newest = all.body.data[0].at;
      expect((await list(`documentId=${durban}&from=${encodeURIComponent(newest)}`)).body.data.map((entry: any) => entry.at)).toEqual([newest]);
      expect((await list(`documentId=${durban}&to=2000-01-01`)).body.meta.pagination.total).toBe(0);
      const today = new Date().toISOString().slice(0, 10);
      expect((await list(`documentId=${durban}&user=${encodeURIComponent(editor.email)}&from=${today}&to=${today}`, superAdmin)).body.meta.pagination.total).toBe(2);
    });

    it('refuses bad filters with a message naming them', async () => {
      const response = await list('from=yesterday');
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/^from: /);
      expect((await list('pageSize=1000')).body.error.message).toMatch(/^pageSize: /);
    });

    it('is for roles with the audit log permission only', async () => {
      const refused = await list('', translator);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe('Your role lacks the permission api::audit-log.read');
      // Strapi's own Author role is no editor either.
      expect((await list('', await adminLogin(app(), 'strapi-author'))).status).toBe(403);
      expect((await app().http().get('/audit-log')).status).toBe(401);
      const admin = await adminLogin(app());
      expect((await list('', admin)).status).toBe(200);
    });
  });

  describe('append-only', () => {
    it('has no route that changes or deletes entries', async () => {
      const [entry] = await app().strapi.db.query(AUDIT as any).findMany({ limit: 1 });
      const token = await createApiToken(app(), 'full-access');
      expect((await app().http().get('/api/audit-log-entries').set(withToken(token))).status).toBe(404);
      expect([404, 405]).toContain((await app().http().delete(`/api/audit-log-entries/${entry.documentId}`).set(withToken(token))).status);
      const admin = await adminLogin(app());
      for (const method of ['put', 'delete'] as const) {
        const response = await app().http()[method](`/audit-log/${entry.id}`).set(admin.headers).send({ action: 'nothing' });
        expect([404, 405]).toContain(response.status);
      }
      // A super admin reaches the hidden type through the Content Manager, whose writes the Document Service refuses.
      const inPanel = `/content-manager/collection-types/${AUDIT}/${entry.documentId}`;
      expect((await app().http().put(inPanel).set(admin.headers).send({ action: 'nothing' })).status).toBe(403);
      expect((await app().http().delete(inPanel).set(admin.headers)).status).toBe(403);
      expect(await app().strapi.db.query(AUDIT as any).findOne({ where: { id: entry.id } })).toEqual(entry);
    });

    it('refuses changes through the Document Service', async () => {
      const [entry] = await app().strapi.db.query(AUDIT as any).findMany({ limit: 1 });
      const documents = app().strapi.documents(AUDIT as any);
      await expect(documents.update({ documentId: entry.documentId, data: { action: 'nothing' } } as any)).rejects.toThrow(/append-only/);
      await expect(documents.delete({ documentId: entry.documentId } as any)).rejects.toThrow(/append-only/);
      await expect(documents.create({ data: { action: 'forged', targetUid: CITY, actorType: 'system', occurredAt: new Date() } } as any)).rejects.toThrow(/append-only/);
      expect(await app().strapi.db.query(AUDIT as any).findOne({ where: { id: entry.id } })).toEqual(entry);
    });

    it('prunes only entries older than the retention period, and nothing by default', async () => {
      const { pruneAuditLog } = require('../../dist/src/audit/retention');
      const old = await app().strapi.db.query(AUDIT as any).create({
        data: { action: 'update', targetUid: CITY, actorType: 'system', occurredAt: new Date(Date.now() - 40 * 86_400_000) },
      });
      const count = () => app().strapi.db.query(AUDIT as any).count();
      const total = await count();
      expect(await pruneAuditLog(app().strapi)).toBe(0);
      expect(await count()).toBe(total);

      app().strapi.config.set('audit-log.retentionDays', 30);
      try {
        expect(await pruneAuditLog(app().strapi)).toBe(1);
      } finally {
        app().strapi.config.set('audit-log.retentionDays', 0);
      }
      expect(await app().strapi.db.query(AUDIT as any).findOne({ where: { id: old.id } })).toBeNull();
      expect(await count()).toBe(total - 1);
    });
  });
});
