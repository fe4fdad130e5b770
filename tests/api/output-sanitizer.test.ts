import fc from 'fast-check';
import { useApp, appModule } from '../helpers/strapi';
import { createApiToken, withToken } from '../helpers/callers';
import { fuzzOptions } from '../helpers/fuzz';
import { CONTENT_TYPE_UIDS } from '../../src/domain/content-types';

/**
 * The content controllers' one-pass output sanitizer (src/public-api/output-sanitizer.ts) must
 * answer exactly what Strapi's `sanitize.output` answers: same keys in the same order, nothing
 * private, no relation the caller may not read. The oracle is Strapi's sanitizer itself, on the
 * entities real requests produced and on random ones, for every kind of caller.
 */
type OutputSanitizer = (data: unknown, schema: unknown, auth: unknown) => Promise<unknown>;
type Capture = { uid: string; data: unknown; auth: unknown };

const getApp = useApp();
const captured: Capture[] = [];
let fast: OutputSanitizer;
const auths: Record<string, unknown> = {};

const strapiSanitized = (data: unknown, uid: string, auth: unknown) =>
  getApp().strapi.contentAPI.sanitize.output(data as never, getApp().strapi.getModel(uid as never) as never, { auth } as never);

/** Runs the one-pass sanitizer and says whether Strapi's own was called (it must not be). */
const fastSanitized = async (data: unknown, uid: string, auth: unknown) => {
  const { strapi } = getApp();
  const spy = jest.spyOn(strapi.contentAPI.sanitize, 'output');
  try {
    const result = await fast(data, strapi.getModel(uid as never), auth);
    return { result, delegated: spy.mock.calls.length > 0 };
  } finally {
    spy.mockRestore();
  }
};

beforeAll(async () => {
  const { strapi, http } = getApp();
  fast = appModule<typeof import('../../src/public-api/output-sanitizer')>('public-api/output-sanitizer').outputSanitizer(strapi) as OutputSanitizer;
  // Record what each controller hands its sanitizer, and for which caller.
  for (const uid of CONTENT_TYPE_UIDS) {
    const controller = strapi.controller(uid as never) as unknown as { sanitizeOutput: (data: unknown, ctx: any) => Promise<unknown> };
    const original = controller.sanitizeOutput;
    controller.sanitizeOutput = async function (this: unknown, data, ctx) {
      captured.push({ uid, data: structuredClone(data), auth: ctx.state.auth });
      auths[ctx.get('X-Caller') || 'public'] = ctx.state.auth;
      return original.call(this, data, ctx);
    };
  }
  const callers: Record<string, Record<string, string>> = {
    public: {},
    'read-only': withToken(await createApiToken(getApp(), 'read-only')),
    'full-access': withToken(await createApiToken(getApp(), 'full-access')),
    // May list partnerships and nothing else: every populated relation must go.
    'partnerships only': withToken(await createApiToken(getApp(), 'custom', ['api::partnership.partnership.find'])),
  };
  const paths = [
    '/api/partnerships?populate=*',
    '/api/partnerships?locale=fr&populate[city][populate]=*&populate[themes]=true&populate[projects][populate][organisations]=true&populate[organisations]=true',
    '/api/cities?populate=*',
    '/api/projects?populate[partnerships][populate]=*&populate[themes]=true&locale=de',
    '/api/themes?populate=*',
    '/api/international-relations-page?populate[partnerships][populate]=*',
  ];
  for (const [name, headers] of Object.entries(callers)) {
    for (const path of paths) {
      const response = await http().get(path).set({ ...headers, 'X-Caller': name });
      if (response.status >= 500) throw new Error(`${name} ${path}: ${response.status}`);
    }
  }
});

test('real responses, sanitized for every caller: what Strapi answers, without calling it', async () => {
  expect(Object.keys(auths).sort()).toEqual(['full-access', 'partnerships only', 'public', 'read-only']);
  expect(captured.length).toBeGreaterThanOrEqual(20);
  let relationsRemoved = 0;
  // Each entity a request produced, for each caller (also the ones that could not have asked for it).
  for (const { uid, data } of captured) {
    for (const auth of Object.values(auths)) {
      const expected = await strapiSanitized(data, uid, auth);
      const { result, delegated } = await fastSanitized(data, uid, auth);
      expect(delegated).toBe(false);
      expect(result).toStrictEqual(expected);
      if (JSON.stringify(result).length < JSON.stringify(data).length) relationsRemoved += 1;
    }
  }
  // The limited token lost the populated relations: the comparison covered removals, not just copies.
  expect(relationsRemoved).toBeGreaterThanOrEqual(10);
});

test('the answer for the public is a copy: the entity given is left as it was', async () => {
  const { uid, data, auth } = captured.find((capture) => JSON.stringify(capture.data).includes('"city"'))!;
  const before = structuredClone(data);
  await fast(data, getApp().strapi.getModel(uid as never), auth);
  expect(data).toStrictEqual(before);
});

/** A random entity shaped after `uid`'s schema: its attributes (private ones too), ids and stray keys. */
const entityOf = (uid: string, depth: number): fc.Arbitrary<Record<string, unknown>> => {
  const { strapi } = getApp();
  const model = strapi.getModel(uid as never) as unknown as { attributes: Record<string, any> } | undefined;
  const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
  const nested = (target: string | undefined) =>
    depth <= 0 || !target
      ? fc.oneof(fc.constant(null), fc.integer())
      : fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.record({ count: fc.nat() }), entityOf(target, depth - 1), fc.array(entityOf(target, depth - 1), { maxLength: 2 }));
  const shape: Record<string, fc.Arbitrary<unknown>> = { id: fc.nat(), documentId: fc.string({ maxLength: 4 }), stray: scalar };
  for (const [key, attribute] of Object.entries(model?.attributes ?? {})) {
    if (attribute.type === 'relation') shape[key] = nested(attribute.target);
    else if (attribute.type === 'media') shape[key] = nested('plugin::upload.file');
    else if (attribute.type === 'component') shape[key] = nested(attribute.component);
    else if (attribute.type === 'dynamiczone') {
      shape[key] = depth <= 0 ? fc.constant(null) : fc.array(fc.oneof(fc.constant(null), ...attribute.components.map((component: string) => entityOf(component, depth - 1).map((entry) => ({ ...entry, __component: component })))), { maxLength: 2 });
    } else if (attribute.type === 'json' || attribute.type === 'blocks') shape[key] = fc.oneof(fc.constant(null), fc.array(fc.record({ type: fc.string({ maxLength: 3 }) }), { maxLength: 2 }));
    else shape[key] = scalar;
  }
  return fc.record(shape, { requiredKeys: [] });
};

test('random entities of every type, any caller (and none): the same answer as Strapi', async () => {
  const callers = [...Object.values(auths), {}, undefined];
  const roots = [...CONTENT_TYPE_UIDS, 'plugin::upload.file', 'plugin::users-permissions.role', 'plugin::users-permissions.user', 'admin::user'];
  const arbitrary = fc.constantFrom(...roots).chain((uid) =>
    fc.tuple(fc.constant(uid), fc.oneof(entityOf(uid, 2), fc.array(entityOf(uid, 1), { maxLength: 3 }), fc.constant(null)), fc.constantFrom(...callers.map((_, index) => index))),
  );
  let compared = 0;
  let judgedHere = 0;
  await fc.assert(
    fc.asyncProperty(arbitrary, async ([uid, generated, callerIndex]) => {
      const auth = callers[callerIndex];
      // Plain objects, as the database gives (fast-check also makes objects without a prototype).
      const data = structuredClone(generated);
      const before = structuredClone(data);
      const expected = await strapiSanitized(structuredClone(data), uid, auth);
      const { result, delegated } = await fastSanitized(data, uid, auth);
      expect(result).toStrictEqual(expected);
      expect(data).toStrictEqual(before);
      compared += 1;
      if (!delegated) judgedHere += 1;
    }),
    fuzzOptions('output-sanitizer', 300),
  );
  expect(compared).toBe(300);
  // Most were answered by the one pass, not handed to Strapi (a populated morph relation is).
  expect(judgedHere).toBeGreaterThan(200);
});

test('what it cannot judge goes to Strapi: an entity that is not a plain object, a sanitizer added to the registry', async () => {
  const { strapi } = getApp();
  const odd = { id: 1, title: 'x', city: new Date(0) };
  const auth = auths.public;
  const oddAnswer = await fastSanitized(odd, 'api::partnership.partnership', auth);
  expect(oddAnswer.delegated).toBe(true);
  expect(oddAnswer.result).toStrictEqual(await strapiSanitized(odd, 'api::partnership.partnership', auth));

  // Last in the file: the registry keeps what is added to it.
  const addChecked = () => async (entity: any) => (entity && typeof entity === 'object' ? { ...entity, checked: true } : entity);
  strapi.sanitizers.add('content-api.output', addChecked as never);
  const { uid, data } = captured[0];
  const added = await fastSanitized(data, uid, auth);
  expect(added.delegated).toBe(true);
  expect(added.result).toStrictEqual(await strapiSanitized(data, uid, auth));
  expect((added.result as Array<Record<string, unknown>>)[0].checked).toBe(true);
});
