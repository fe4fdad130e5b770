import { AsyncResource } from 'async_hooks';
import fc from 'fast-check';
import { cityInput } from '../helpers/builders';
import { adminLogin, createApiToken, withToken } from '../helpers/callers';
import { fuzzOptions } from '../helpers/fuzz';
import { useApp } from '../helpers/strapi';

/**
 * Model-based test of the shared response cache: random sequences of writes (create, update,
 * publish, unpublish, discard, delete; through the Document Service, REST and the admin Content
 * Manager; some running concurrently with reads) and reads by random callers. After every write
 * has finished, each response — cached or not — must equal a fresh read of the database, and no
 * caller may receive an answer computed for another.
 */

const CITY = 'api::city.city';
const PREFIX = 'Modelcity';
const LOCALES = ['en', 'fr'] as const;
type Locale = (typeof LOCALES)[number];
type Via = 'document-service' | 'transaction' | 'rest' | 'content-manager';
type CallerName = 'anonymous' | 'read-only' | 'full-access';
type Model = { documents: string[]; created: number };

jest.setTimeout(300_000);

describe('the response cache against a fresh read of the database', () => {
  const app = useApp();
  const headers: Record<CallerName, Record<string, string>> = { anonymous: {}, 'read-only': {}, 'full-access': {} };
  let adminHeaders: Record<string, string> = {};
  const stats = { reads: 0, hits: 0, writes: 0, refusedWrites: 0 };

  beforeAll(async () => {
    headers['read-only'] = withToken(await createApiToken(app(), 'read-only'));
    headers['full-access'] = withToken(await createApiToken(app(), 'full-access'));
    adminHeaders = (await adminLogin(app())).headers;
  });

  const documents = () => app().strapi.documents(CITY);
  const http = () => app().http();
  const fields = '&fields[0]=name&fields[1]=summary&fields[2]=locale';
  const listPath = (locale: Locale) => `/api/cities?locale=${locale}&filters[name][$startsWith]=${PREFIX}&sort[0]=documentId:asc&pagination[pageSize]=100${fields}`;
  const shape = (entry: any) => entry && { documentId: entry.documentId, name: entry.name, summary: entry.summary, locale: entry.locale };

  /** What the database holds, published, without any cache in between. */
  const freshList = async (locale: Locale) =>
    (
      await documents().findMany({
        locale,
        status: 'published',
        filters: { name: { $startsWith: PREFIX } },
        fields: ['name', 'summary', 'locale'],
        sort: 'documentId:asc',
        limit: 100,
      } as any)
    ).map(shape);

  const expectFresh = async (caller: CallerName, locale: Locale, documentId?: string) => {
    const path = documentId ? `/api/cities/${documentId}?locale=${locale}${fields}` : listPath(locale);
    const response = await http().get(path).set(headers[caller]);
    stats.reads += 1;
    if (response.headers['x-cache'] === 'HIT') stats.hits += 1;
    const fresh = documentId
      ? shape(await documents().findOne({ documentId, locale, status: 'published', fields: ['name', 'summary', 'locale'] } as any))
      : await freshList(locale);
    const served = response.status === 404 ? null : documentId ? shape(response.body.data) : response.body.data?.map(shape);
    const request = `${caller} GET ${path} (${response.headers['x-cache'] ?? 'uncached'})`;
    expect({ request, status: [200, 404].includes(response.status) }).toEqual({ request, status: true });
    expect({ request, served }).toEqual({ request, served: fresh ?? null });
  };

  /** A route whose answer depends on the caller: the public may not list media files, a read-only token may. */
  const expectOwnAnswer = async (caller: CallerName) => {
    const response = await http().get('/api/upload/files').set(headers[caller]);
    stats.reads += 1;
    expect({ caller, status: response.status }).toEqual({ caller, status: caller === 'anonymous' ? 403 : 200 });
  };

  /** One write through one path; refusals (4xx: e.g. publishing French before English) are valid outcomes. */
  const write = async (via: Via, action: string, documentId: string, locale: Locale, text: string): Promise<void> => {
    if (via === 'transaction') {
      // As the Content Manager does: the write inside a transaction of its own, and here a public
      // read landing after the write but before COMMIT (outside the writer's async context).
      return app().strapi.db.transaction(async () => {
        await write('document-service', action, documentId, locale, text);
        await outside(() => http().get(listPath(locale)));
      });
    }
    stats.writes += 1;
    const cm = `/content-manager/collection-types/${CITY}/${documentId}`;
    const ok = (status: number) => {
      if (status >= 500) throw new Error(`${via} ${action} ${locale} answered ${status}`);
      if (status >= 400) stats.refusedWrites += 1;
    };
    if (via === 'content-manager') {
      const requests: Record<string, () => Promise<{ status: number }>> = {
        update: () => http().put(`${cm}?locale=${locale}`).set(adminHeaders).send({ summary: text }),
        publish: () => http().post(`${cm}/actions/publish?locale=${locale}`).set(adminHeaders).send({}),
        unpublish: () => http().post(`${cm}/actions/unpublish?locale=${locale}`).set(adminHeaders).send({}),
        discard: () => http().post(`${cm}/actions/discard?locale=${locale}`).set(adminHeaders).send({}),
        delete: () => http().delete(`${cm}?locale=${locale}`).set(adminHeaders),
      };
      return ok((await requests[action]()).status);
    }
    if (via === 'rest' && ['update', 'publish', 'delete'].includes(action)) {
      const path = `/api/cities/${documentId}?locale=${locale}`;
      const response =
        action === 'delete'
          ? await http().delete(path).set(headers['full-access'])
          : await http()
              .put(`${path}${action === 'update' ? '&status=draft' : ''}`)
              .set(headers['full-access'])
              .send({ data: action === 'update' ? { summary: text } : {} });
      return ok(response.status);
    }
    try {
      if (action === 'update') await documents().update({ documentId, locale, data: { summary: text } as any });
      if (action === 'publish') await documents().publish({ documentId, locale });
      if (action === 'unpublish') await documents().unpublish({ documentId, locale });
      if (action === 'discard') await documents().discardDraft({ documentId, locale });
      if (action === 'delete') await documents().delete({ documentId, locale });
    } catch (error: any) {
      if (!['ValidationError', 'NotFoundError', 'ApplicationError'].includes(error?.name)) throw error;
      stats.refusedWrites += 1;
    }
  };

  const outside = AsyncResource.bind((run: () => Promise<unknown>) => run());
  const caller = fc.constantFrom<CallerName>('anonymous', 'read-only', 'full-access');
  const locale = fc.constantFrom<Locale>(...LOCALES);
  const via = fc.constantFrom<Via>('document-service', 'transaction', 'rest', 'content-manager');
  const action = fc.constantFrom('update', 'publish', 'unpublish', 'discard', 'delete');
  const text = fc.string({ minLength: 1, maxLength: 12 }).map((value) => `text ${value}`);

  const command = (name: string, check: (model: Model) => boolean, run: (model: Model) => Promise<void>): fc.AsyncCommand<Model, object> => ({
    check,
    run: (model) => run(model),
    toString: () => name,
  });
  const hasDocuments = (model: Model) => model.documents.length > 0;

  const readList = fc.tuple(caller, locale).map(([who, where]) => command(`read list ${who} ${where}`, () => true, () => expectFresh(who, where)));
  const commands = [
    // Reads are listed twice: sequences should read what is cached more often than they write.
    readList,
    readList,
    fc.tuple(caller, locale, fc.nat()).map(([who, where, pick]) =>
      command(`read one ${who} ${where} #${pick}`, hasDocuments, (model) => expectFresh(who, where, model.documents[pick % model.documents.length])),
    ),
    caller.map((who) => command(`read media ${who}`, () => true, () => expectOwnAnswer(who))),
    fc.tuple(via, fc.boolean()).map(([how, published]) =>
      command(`create ${how} ${published ? 'published' : 'draft'}`, (model) => model.documents.length < 6, async (model) => {
        model.created += 1;
        const name = `${PREFIX} ${model.created} ${Math.random().toString(36).slice(2, 6)}`;
        stats.writes += 1;
        let documentId: string;
        if (how === 'rest') {
          documentId = (await http().post(`/api/cities?locale=en${published ? '' : '&status=draft'}`).set(headers['full-access']).send({ data: cityInput({ name }) })).body.data.documentId;
        } else if (how === 'content-manager') {
          documentId = (await http().post(`/content-manager/collection-types/${CITY}?locale=en`).set(adminHeaders).send(cityInput({ name }))).body.data.documentId;
          if (published) await write('content-manager', 'publish', documentId, 'en', '');
        } else {
          documentId = (await documents().create({ locale: 'en', status: published ? 'published' : 'draft', data: cityInput({ name }) as any })).documentId;
        }
        model.documents.push(documentId);
        await expectFresh('anonymous', 'en');
      }),
    ),
    fc.tuple(via, action, locale, fc.nat(), text, caller).map(([how, what, where, pick, words, who]) =>
      command(`${what} ${how} ${where} #${pick}, then read as ${who}`, hasDocuments, async (model) => {
        await write(how, what, model.documents[pick % model.documents.length], where, words);
        await expectFresh(who, where);
      }),
    ),
    // A write and reads racing it: the racing reads may see either side; the next read must see the write.
    fc.tuple(via, action, locale, fc.nat(), text, caller).map(([how, what, where, pick, words, who]) =>
      command(`${what} ${how} ${where} #${pick} racing reads, then read as ${who}`, hasDocuments, async (model) => {
        await Promise.all([
          write(how, what, model.documents[pick % model.documents.length], where, words),
          http().get(listPath(where)),
          http().get(listPath(where)).set(headers['read-only']),
        ]);
        await expectFresh(who, where);
        await expectFresh(who === 'anonymous' ? 'read-only' : 'anonymous', where);
      }),
    ),
  ];

  it('never serves a stale answer or another caller\'s answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40, size: 'large' }), async (sequence) => {
        // Each run starts without the previous run's cities (deleting them also empties the cache).
        const previous = await app().strapi.db.query(CITY).findMany({ where: { name: { $startsWith: PREFIX } }, select: ['documentId'] });
        for (const documentId of new Set(previous.map((row: { documentId: string }) => row.documentId))) await documents().delete({ documentId, locale: '*' });
        await fc.asyncModelRun(() => ({ model: { documents: [], created: 0 } as Model, real: {} }), sequence);
      }),
      fuzzOptions('cache-model', Number(process.env.CACHE_MODEL_RUNS ?? 40)),
    );
    // The sequences must exercise the cache, not walk around it.
    // eslint-disable-next-line no-console
    console.log(`[cache-model] ${JSON.stringify(stats)}`);
    expect(stats.hits).toBeGreaterThan(10);
    expect(stats.writes).toBeGreaterThan(20);
  });
});
