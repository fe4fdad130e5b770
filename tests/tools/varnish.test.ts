import fs from 'fs';
import type { AddressInfo } from 'net';
import path from 'path';
import { cityInput } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { freePort, startVarnish, type Varnish } from '../../scripts/lib/varnish';

const CITY = 'api::city.city';
/** Short, so that the test can watch objects outlive their lifetime while the origin is down. */
const EDGE_MAX_AGE = 4;

/**
 * The edge cache for real: Debian's Varnish 7 with the xkey vmod running deploy/varnish.vcl in front
 * of the app (through a TCP proxy the test can cut), the app purging it by tag on every change.
 */
describe('Varnish in front, purged by tag', () => {
  let varnishPort = 0;
  beforeAll(async () => {
    varnishPort = await freePort();
  });
  // The rate limit on, as in production: its per-answer headers must never reach a stored object.
  const app = useApp(() => ({ env: { VARNISH_PURGE_URLS: `http://127.0.0.1:${varnishPort}/`, HTTP_CACHE_EDGE_MAX_AGE: String(EDGE_MAX_AGE), RATE_LIMIT_ENABLED: 'true' } }));
  let proxy: TcpProxy;
  let varnish: Varnish;
  let admin: Record<string, string>;

  beforeAll(async () => {
    const server = app().strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = await startTcpProxy({ host: '127.0.0.1', port: (server.address() as AddressInfo).port });
    varnish = await startVarnish({ port: varnishPort, backendPort: proxy.port });
    admin = (await adminLogin(app())).headers;
  }, 60_000);

  afterAll(async () => {
    await varnish?.stop();
    await proxy?.close();
  });

  const edge = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${varnish.url}${path}`, { headers });
    return { status: response.status, cache: response.headers.get('x-edge-cache'), headers: response.headers, body: (await response.json().catch(() => null)) as any };
  };
  const warm = async (path: string) => {
    await edge(path);
    const again = await edge(path);
    expect({ path, cache: again.cache }).toEqual({ path, cache: 'HIT' });
    return again;
  };
  /** As the admin panel does: a request to the app (not through the edge), answered once its purges are through. */
  const contentManager = (documentId: string, action: 'publish' | 'unpublish') =>
    app().http().post(`/content-manager/collection-types/${CITY}/${documentId}/actions/${action}?locale=en`).set(admin).send({});
  const saveSummary = (documentId: string, summary: string) =>
    app().http().put(`/content-manager/collection-types/${CITY}/${documentId}?locale=en`).set(admin).send({ summary });

  it('keeps public reads and their encodings apart, and never caches a caller with a token or a write', async () => {
    const first = await edge('/api/themes?fields[0]=name', { 'Accept-Encoding': 'br' });
    expect(first.headers.get('xkey')).toBeNull();
    expect(first.headers.get('surrogate-key')).toMatch(/\bl:theme\b/);
    expect((await edge('/api/themes?fields[0]=name', { 'Accept-Encoding': 'gzip, br;q=0.9' })).cache).toBe('HIT');
    expect((await edge('/api/themes?fields[0]=name', { 'Accept-Encoding': 'gzip' })).cache).toBe('MISS');
    const withToken = await edge('/api/themes?fields[0]=name', { Authorization: 'Bearer not-a-real-token' });
    expect(withToken.status).toBe(401);
    expect(withToken.cache).toBe('MISS');
  });

  it('a publish is visible through Varnish on the next request; an unrelated cached page stays a hit', async () => {
    const city = await app().strapi.documents(CITY).create({ locale: 'en', status: 'published', data: cityInput({ name: 'Edge Town', summary: 'Before the edit.' }) as any });
    const page = `/api/cities/${city.documentId}?fields[0]=summary`;
    const list = '/api/cities?filters[slug][$eq]=edge-town&fields[0]=summary';
    const unrelated = '/api/themes?fields[0]=slug';
    for (const path of [page, list, unrelated]) await warm(path);

    expect((await saveSummary(city.documentId, 'After the edit.')).status).toBe(200);
    // A saved draft changes nothing the public sees…
    expect((await edge(page)).body.data.summary).toBe('Before the edit.');
    expect((await contentManager(city.documentId, 'publish')).status).toBe(200);

    const [afterPage, afterList, afterUnrelated] = [await edge(page), await edge(list), await edge(unrelated)];
    expect([afterPage.cache, afterPage.body.data.summary]).toEqual(['MISS', 'After the edit.']);
    expect([afterList.cache, afterList.body.data[0].summary]).toEqual(['MISS', 'After the edit.']);
    expect(afterUnrelated.cache).toBe('HIT');
  });

  it('an unpublish withdraws the page at once', async () => {
    const city = await app().strapi.documents(CITY).create({ locale: 'en', status: 'published', data: cityInput({ name: 'Withdrawn Town' }) as any });
    const page = `/api/cities/${city.documentId}`;
    expect((await warm(page)).status).toBe(200);
    expect((await contentManager(city.documentId, 'unpublish')).status).toBe(200);
    expect((await edge(page)).status).toBe(404);
  });

  it('keeps serving while the origin is down, but never an answer purged meanwhile', async () => {
    const [kept, changed] = [
      await app().strapi.documents(CITY).create({ locale: 'en', status: 'published', data: cityInput({ name: 'Kept Town', summary: 'Kept.' }) as any }),
      await app().strapi.documents(CITY).create({ locale: 'en', status: 'published', data: cityInput({ name: 'Changed Town', summary: 'Old.' }) as any }),
    ];
    const keptPage = `/api/cities/${kept.documentId}?fields[0]=summary`;
    const changedPage = `/api/cities/${changed.documentId}?fields[0]=summary`;
    await warm(keptPage);
    await warm(changedPage);
    const warmedAt = Date.now();

    await proxy.refuse();
    for (let attempt = 0; attempt < 50 && !/sick/i.test(varnish.backendHealth()); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(varnish.backendHealth()).toMatch(/sick/i);
    // Past the objects' lifetime: what Varnish serves now is stale, and only because the origin is down.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, warmedAt + (EDGE_MAX_AGE + 1) * 1000 - Date.now())));
    const stale = await edge(keptPage);
    expect([stale.status, stale.body?.data?.summary]).toEqual([200, 'Kept.']);
    expect(Number(stale.headers.get('age'))).toBeGreaterThanOrEqual(EDGE_MAX_AGE);

    // The app is up (only the edge's way to it is cut): an editor publishes, and the edge is purged.
    expect((await saveSummary(changed.documentId, 'New.')).status).toBe(200);
    expect((await contentManager(changed.documentId, 'publish')).status).toBe(200);
    expect((await edge(changedPage)).status).toBe(503);

    await proxy.restore();
    for (let attempt = 0; attempt < 50 && /sick/i.test(varnish.backendHealth()); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    const back = await edge(changedPage);
    expect([back.status, back.body?.data?.summary]).toEqual([200, 'New.']);
  });

  it('keeps no error answer: a 404 before the publish is a 200 after it', async () => {
    const city = await app().strapi.documents(CITY).create({ locale: 'en', status: 'draft', data: cityInput({ name: 'Not Yet Town' }) as any });
    const page = `/api/cities/${city.documentId}`;
    const before = await edge(page);
    expect(before.status).toBe(404);
    expect(before.headers.get('cache-control')).toBe('no-store');
    expect((await edge(page)).cache).toBe('MISS');
    expect((await contentManager(city.documentId, 'publish')).status).toBe(200);
    expect((await edge(page)).status).toBe(200);
  });

  it("never replays one caller's rate-limit headers to the next", async () => {
    // The app tells a caller whose request reaches it their own count…
    const direct = await app().http().get('/api/themes?fields[0]=name&pagination[pageSize]=2');
    expect(direct.headers['ratelimit-remaining']).toMatch(/^\d+$/);
    // …which the edge keeps out of the object it stores, so neither the miss nor the hits carry it.
    const path = '/api/themes?fields[0]=name&pagination[pageSize]=3';
    const miss = await edge(path);
    const hit = await edge(path);
    expect([miss.status, miss.cache, hit.cache]).toEqual([200, 'MISS', 'HIT']);
    for (const answer of [miss, hit]) expect([...answer.headers.keys()].filter((name) => /^ratelimit|^retry-after$|^x-cache$/i.test(name))).toEqual([]);
  });

  it('takes PURGE only from the configured purgers, not from any private address', async () => {
    expect(await fs.promises.readFile(path.join(__dirname, '..', '..', 'deploy', 'varnish.vcl'), 'utf8')).not.toMatch(/"(10\.0\.0\.0|172\.16\.0\.0|192\.168\.0\.0)"/);
    const purge = (url: string) => fetch(url, { method: 'PURGE', headers: { 'xkey-purge': 'l:theme' } }).then((response) => response.status);
    expect(await purge(`${varnish.url}/`)).toBe(200);
    // The same VCL with another purger configured: this machine's loopback may no longer purge.
    const otherPort = await freePort();
    const strict = await startVarnish({ port: otherPort, backendPort: proxy.port, purgers: ['192.0.2.10'] });
    try {
      expect(await purge(`${strict.url}/`)).toBe(403);
    } finally {
      await strict.stop();
    }
  });
});
