import { useApp } from '../helpers/strapi';
import { createApiToken, withToken } from '../helpers/callers';

/**
 * The content controllers remember Strapi's validation and sanitizing of a query string per
 * caller's permissions (src/public-api/query-memo.ts). Attacked here: an answer made for one
 * caller reused for another with other permissions, a refusal remembered as an acceptance, a
 * permission change not seen. The response cache is off so every request reaches the controller.
 */
const getApp = useApp(() => ({ env: { HTTP_CACHE_ENABLED: 'false' } }));

const CITY_POPULATED = '/api/partnerships?locale=en&populate[city]=true&sort[0]=slug';
let partnershipsOnly: Record<string, string>;

beforeAll(async () => {
  // May list partnerships and nothing else: a populated city is not for it.
  partnershipsOnly = withToken(await createApiToken(getApp(), 'custom', ['api::partnership.partnership.find']));
});

const cities = (body: any) => (body.data as Array<Record<string, unknown>>).map((entry) => (entry.city as { slug?: string } | undefined)?.slug ?? null);

/** How often Strapi's own query validation ran during `work`. */
const strapiValidations = async (work: () => Promise<unknown>) => {
  const spy = jest.spyOn(getApp().strapi.contentAPI.validate, 'query');
  try {
    await work();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
};

test('a repeated query is not validated again, and answers the same', async () => {
  const { http } = getApp();
  const first = await http().get(CITY_POPULATED);
  expect(first.status).toBe(200);
  expect(cities(first.body).filter(Boolean).length).toBeGreaterThan(0);
  let again: any;
  expect(await strapiValidations(async () => (again = await http().get(CITY_POPULATED)))).toBe(0);
  expect(again.body).toEqual(first.body);
});

test("one caller's answer is never another's: the public and a token limited to partnerships, in both orders", async () => {
  const { http } = getApp();
  // Filtering by a relation the caller may not read is refused; the public may read cities.
  for (const order of [['public', 'limited'], ['limited', 'public']]) {
    const path = `/api/partnerships?locale=en&filters[city][slug][$eq]=lille&pagination[pageSize]=${order[0] === 'public' ? 5 : 6}`;
    const answers: Record<string, any> = {};
    for (const caller of order) answers[caller] = await http().get(path).set(caller === 'limited' ? partnershipsOnly : {});
    expect(answers.public.status).toBe(200);
    expect(answers.public.body.data.map((entry: { slug: string }) => entry.slug)).toEqual(['leeds-lille']);
    expect(answers.limited.status).toBe(400);
    expect(answers.limited.body.error.message).toBe('Invalid key city');
  }
});

test('a refused query is refused every time, and its refusal is not remembered as an acceptance', async () => {
  const { http } = getApp();
  const path = '/api/partnerships?filters[password][$eq]=x';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const response = await http().get(path);
    expect(response.status).toBe(400);
  }
  expect(await strapiValidations(() => http().get(path))).toBe(1);
});

test('a change to the Public role is seen by the next request', async () => {
  const { strapi, http } = getApp();
  const path = '/api/partnerships?locale=en&filters[city][slug][$eq]=lille&pagination[pageSize]=7';
  expect((await http().get(path)).status).toBe(200);
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const cityFind = await permissions.findOne({ where: { action: 'api::city.city.find', role: { type: 'public' } }, populate: ['role'] });
  expect(cityFind).toBeTruthy();
  await permissions.delete({ where: { id: cityFind.id } });
  try {
    const refused = await http().get(path);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('Invalid key city');
  } finally {
    await permissions.create({ data: { action: 'api::city.city.find', role: cityFind.role.id } });
  }
  expect((await http().get(path)).status).toBe(200);
});
