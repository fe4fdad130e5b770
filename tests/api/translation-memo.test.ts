import { AsyncResource } from 'async_hooks';
import fc from 'fast-check';
import { cityInput, seeded } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { fuzzOptions } from '../helpers/fuzz';
import { useApp } from '../helpers/strapi';
import { exportXliffText } from '../helpers/xliff';

/**
 * Model-based test of what translators read, kept up to date document by document
 * (src/translations/rows-memo.ts, the XLIFF units rendered once per version): random sequences of
 * English and French writes (save, publish, unpublish, discard, delete, create, mark current;
 * through the Document Service, a transaction, REST and the Content Manager; some racing status
 * reads). After every step, GET /translations/status and the XLIFF export must equal the same
 * computed afresh (inside a transaction nothing kept is used), for French and German.
 */

const CITY = 'api::city.city';
type Via = 'document-service' | 'transaction' | 'content-manager';
type Model = { documents: string[]; created: number };

jest.setTimeout(300_000);

// The app's own compiled modules: the oracle runs the code the app runs, without what it keeps.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { translationStatus } = require('../../dist/src/translations/status');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { exportXliff } = require('../../dist/src/translations/xliff-exchange');

describe('translation status and XLIFF export against a fresh computation', () => {
  const app = useApp();
  let editor: { headers: Record<string, string> };
  const stats = { steps: 0, writes: 0, refusedWrites: 0 };

  beforeAll(async () => {
    editor = await adminLogin(app(), 'international-relations-editor');
  });

  const documents = () => app().strapi.documents(CITY);
  const http = () => app().http();
  const outside = AsyncResource.bind((run: () => Promise<unknown>) => run());

  const expectFresh = async (locale: 'fr' | 'de', step: string) => {
    stats.steps += 1;
    const served = await http().get(`/translations/status?locale=${locale}&uid=${CITY}`).set(editor.headers);
    expect(served.status).toBe(200);
    const fresh = await app().strapi.db.transaction(() => translationStatus(app().strapi, locale, [CITY]));
    expect({ step, status: served.body.data }).toEqual({ step, status: JSON.parse(JSON.stringify(fresh)) });

    const { xml } = await exportXliffText(app(), `locale=${locale}&uid=${CITY}`, editor);
    const freshXml = await app().strapi.db.transaction(async () => (await exportXliff(app().strapi, { locale, uids: [CITY] })).toString('utf8'));
    expect({ step, xml }).toEqual({ step, xml: freshXml });
  };

  const refused = (error: any) => {
    if (!['ValidationError', 'NotFoundError', 'ApplicationError', 'ForbiddenError'].includes(error?.name)) throw error;
    stats.refusedWrites += 1;
  };

  /** One write; refusals (publishing French before English, a French version without its required fields) are valid outcomes. */
  const write = async (via: Via, action: string, documentId: string, locale: 'en' | 'fr', text: string): Promise<void> => {
    stats.writes += 1;
    if (via === 'transaction') {
      // As the Content Manager does, with a status read landing before COMMIT (outside the writer's context).
      return app().strapi.db.transaction(async () => {
        await write('document-service', action, documentId, locale, text);
        stats.writes -= 1;
        await outside(() => http().get(`/translations/status?locale=fr&uid=${CITY}`).set(editor.headers));
      });
    }
    if (via === 'content-manager') {
      const cm = `/content-manager/collection-types/${CITY}/${documentId}`;
      const requests: Record<string, () => Promise<{ status: number }>> = {
        update: () => http().put(`${cm}?locale=${locale}`).set(editor.headers).send({ summary: text, ...(locale === 'fr' ? { name: `Ville ${text}` } : {}) }),
        publish: () => http().post(`${cm}/actions/publish?locale=${locale}`).set(editor.headers).send({}),
        unpublish: () => http().post(`${cm}/actions/unpublish?locale=${locale}`).set(editor.headers).send({}),
        discard: () => http().post(`${cm}/actions/discard?locale=${locale}`).set(editor.headers).send({}),
        delete: () => http().delete(`${cm}?locale=${locale}`).set(editor.headers),
      };
      const { status } = await requests[action]();
      if (status >= 500) throw new Error(`content-manager ${action} ${locale} answered ${status}`);
      if (status >= 400) stats.refusedWrites += 1;
      return;
    }
    try {
      if (action === 'update') await documents().update({ documentId, locale, data: { summary: text, ...(locale === 'fr' ? { name: `Ville ${text}` } : {}) } as any });
      if (action === 'publish') await documents().publish({ documentId, locale });
      if (action === 'unpublish') await documents().unpublish({ documentId, locale });
      if (action === 'discard') await documents().discardDraft({ documentId, locale });
      if (action === 'delete') await documents().delete({ documentId, locale });
    } catch (error) {
      refused(error);
    }
  };

  const command = (name: string, check: (model: Model) => boolean, run: (model: Model) => Promise<void>): fc.AsyncCommand<Model, object> => ({
    check,
    run: (model) => run(model),
    toString: () => name,
  });
  const hasDocuments = (model: Model) => model.documents.length > 0;
  const via = fc.constantFrom<Via>('document-service', 'transaction', 'content-manager');
  const action = fc.constantFrom('update', 'update', 'publish', 'unpublish', 'discard', 'delete');
  const locale = fc.constantFrom<'en' | 'fr'>('en', 'fr');
  const text = fc.string({ minLength: 1, maxLength: 10, unit: 'grapheme' }).map((value) => `text ${value}`);
  const pick = (model: Model, index: number) => model.documents[index % model.documents.length];

  const commands = [
    fc.tuple(via, action, locale, fc.nat(), text).map(([how, what, where, index, words]) =>
      command(`${what} ${how} ${where} #${index}`, hasDocuments, async (model) => {
        await write(how, what, pick(model, index), where, words);
        await expectFresh('fr', `${what} ${how} ${where}`);
      }),
    ),
    fc.tuple(via, action, locale, fc.nat(), text).map(([how, what, where, index, words]) =>
      command(`${what} ${how} ${where} #${index} racing status reads`, hasDocuments, async (model) => {
        await Promise.all([
          write(how, what, pick(model, index), where, words),
          http().get(`/translations/status?locale=fr&uid=${CITY}`).set(editor.headers),
          exportXliffText(app(), `locale=fr&uid=${CITY}`, editor),
        ]);
        await expectFresh('fr', `${what} ${how} ${where} racing`);
        await expectFresh('de', `${what} ${how} ${where} racing (de)`);
      }),
    ),
    fc.tuple(fc.nat(), fc.constantFrom('fr', 'de')).map(([index, where]) =>
      command(`mark current ${where} #${index}`, hasDocuments, async (model) => {
        stats.writes += 1;
        const response = await http().post('/translations/status/mark-current').set(editor.headers).send({ uid: CITY, documentId: pick(model, index), locale: where });
        if (response.status >= 500) throw new Error(`mark-current answered ${response.status}`);
        if (response.status >= 400) stats.refusedWrites += 1;
        await expectFresh(where as 'fr' | 'de', `mark current ${where}`);
      }),
    ),
    fc.boolean().map((published) =>
      command(`create ${published ? 'published' : 'draft'}`, (model) => model.documents.length < 8, async (model) => {
        model.created += 1;
        stats.writes += 1;
        const created = await documents().create({ locale: 'en', status: published ? 'published' : 'draft', data: cityInput({ name: `Memotown ${model.created} ${Math.random().toString(36).slice(2, 6)}` }) as any });
        model.documents.push(created.documentId);
        await expectFresh('fr', 'create');
      }),
    ),
    fc.nat().map((index) =>
      command(`delete every locale #${index}`, (model) => model.documents.length > 2, async (model) => {
        const documentId = pick(model, index);
        stats.writes += 1;
        await documents().delete({ documentId, locale: '*' });
        model.documents = model.documents.filter((known) => known !== documentId);
        await expectFresh('de', 'delete every locale');
      }),
    ),
  ];

  it('serves exactly what a fresh computation gives, after every write', async () => {
    const seededCities = await Promise.all(['lille', 'brno', 'siegen'].map((slug) => seeded(app(), CITY, slug).catch(() => undefined)));
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 20, size: 'large' }), async (sequence) => {
        const present = new Set((await app().strapi.db.query(CITY).findMany({ select: ['documentId'] })).map((row: { documentId: string }) => row.documentId));
        const start = seededCities.filter((documentId): documentId is string => !!documentId && present.has(documentId));
        await expectFresh('fr', 'start');
        await fc.asyncModelRun(() => ({ model: { documents: start, created: 0 } as Model, real: {} }), sequence);
      }),
      fuzzOptions('translation-memo', Number(process.env.TRANSLATION_MEMO_RUNS ?? 12)),
    );
    // eslint-disable-next-line no-console
    console.log(`[translation-memo] ${JSON.stringify(stats)}`);
    // The sequences must write, and not only be refused.
    expect(stats.writes - stats.refusedWrites).toBeGreaterThan(stats.writes / 3);
  });
});
