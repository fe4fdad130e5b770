import http from 'http';
import type { AddressInfo } from 'net';
import { recordingServer } from '../helpers/recording-server';
import { cloudflareTarget, EdgePurger, fastlyTarget, purgeTargets, varnishTarget } from '../../src/http-cache/edge-purge';

const signal = () => AbortSignal.timeout(5000);
const tags = (count: number) => Array.from({ length: count }, (_, index) => `d:${index}`);

describe('edge purge adapters, against a recording server', () => {
  let server: Awaited<ReturnType<typeof recordingServer>>;
  beforeEach(async () => {
    server = await recordingServer();
  });
  afterEach(() => server.close());

  it('Fastly: POST /service/{id}/purge with Fastly-Key and up to 256 keys in Surrogate-Key; purge_all for everything', async () => {
    const fastly = fastlyTarget({ serviceId: 'SU1Z0isxPaozGVKXdv0eY', apiToken: 'fastly-secret', apiUrl: `${server.url}/` });
    await fastly.purge(tags(300), signal());
    await fastly.purge('all', signal());
    expect(server.requests.map(({ method, url }) => `${method} ${url}`)).toEqual([
      'POST /service/SU1Z0isxPaozGVKXdv0eY/purge',
      'POST /service/SU1Z0isxPaozGVKXdv0eY/purge',
      'POST /service/SU1Z0isxPaozGVKXdv0eY/purge_all',
    ]);
    expect(server.requests.every((request) => request.headers['fastly-key'] === 'fastly-secret')).toBe(true);
    expect(server.requests[0].headers['surrogate-key']).toBe(tags(256).join(' '));
    expect(server.requests[1].headers['surrogate-key']).toBe(tags(300).slice(256).join(' '));
    expect(server.requests[2].headers['surrogate-key']).toBeUndefined();
  });

  it('Cloudflare: POST /zones/{id}/purge_cache with a bearer token and at most 30 tags per call; purge_everything for everything', async () => {
    const cloudflare = cloudflareTarget({ zoneId: '023e105f4ecef8ad9ca31a8372d0c353', apiToken: 'cf-token', apiUrl: `${server.url}/client/v4` });
    await cloudflare.purge(tags(45), signal());
    await cloudflare.purge('all', signal());
    expect(server.requests.map(({ method, url }) => `${method} ${url}`)).toEqual(Array(3).fill('POST /client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache'));
    expect(server.requests.every((request) => request.headers.authorization === 'Bearer cf-token' && request.headers['content-type'] === 'application/json')).toBe(true);
    expect(server.requests.map((request) => JSON.parse(request.body))).toEqual([{ tags: tags(30) }, { tags: tags(45).slice(30) }, { purge_everything: true }]);
  });

  it('Varnish: PURGE with the tags in xkey-purge, and the tag every response carries for everything', async () => {
    const varnish = varnishTarget(`${server.url}/`);
    await varnish.purge(['d:c1', 'l:city'], signal());
    await varnish.purge('all', signal());
    expect(server.requests.map((request) => [request.method, request.url, request.headers['xkey-purge']])).toEqual([
      ['PURGE', '/', 'd:c1 l:city'],
      ['PURGE', '/', 'all'],
    ]);
  });

  it('are on only when configured completely', () => {
    const none = { varnishUrls: [], fastly: { apiUrl: 'x' }, cloudflare: { apiUrl: 'y' }, timeoutMs: 1000 };
    expect(purgeTargets(none)).toEqual([]);
    expect(purgeTargets({ ...none, fastly: { serviceId: 'id', apiUrl: 'x' } })).toEqual([]);
    const all = purgeTargets({
      varnishUrls: ['http://varnish-a/', 'http://varnish-b/'],
      fastly: { serviceId: 'id', apiToken: 'token', apiUrl: 'x' },
      cloudflare: { zoneId: 'zone', apiToken: 'token', apiUrl: 'y' },
      timeoutMs: 1000,
    });
    expect(all.map((target) => target.name)).toEqual(['varnish http://varnish-a/', 'varnish http://varnish-b/', 'fastly', 'cloudflare']);
  });
});

describe('the edge purger', () => {
  const log = () => ({ warnings: [] as string[], warn(message: string) { this.warnings.push(message); }, debug() {} });

  it('retries a refused purge, and a write can wait until every purge is through', async () => {
    let calls = 0;
    const server = await recordingServer(() => (++calls === 1 ? 503 : 200));
    try {
      const logger = log();
      const purger = new EdgePurger([varnishTarget(server.url)], 2000, logger);
      purger.purge(['d:c1'], 'publish');
      await purger.settled();
      expect(server.requests.map((request) => request.headers['xkey-purge'])).toEqual(['d:c1', 'd:c1']);
      expect(logger.warnings).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('sends a burst of "purge everything" as at most two calls: the one running, and one after it', async () => {
    const server = await recordingServer();
    try {
      const purger = new EdgePurger([varnishTarget(server.url)], 2000, log());
      for (let index = 0; index < 10; index += 1) purger.purge('all', `permission ${index}`);
      purger.purge(['d:c1'], 'publish');
      await purger.settled();
      expect(server.requests.map((request) => request.headers['xkey-purge'])).toEqual(['d:c1', 'all']);
      // Requested after that one started: it runs again, once.
      purger.purge('all', 'media');
      await purger.settled();
      expect(server.requests.filter((request) => request.headers['xkey-purge'] === 'all')).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('gives up within its timeout on an edge that does not answer, and says so', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const logger = log();
      const purger = new EdgePurger([varnishTarget(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/`)], 300, logger);
      const started = Date.now();
      purger.purge(['d:c1'], 'publish');
      await purger.settled();
      expect(Date.now() - started).toBeLessThan(2000);
      expect(logger.warnings).toEqual([expect.stringMatching(/^could not purge varnish .* \(publish\)/)]);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
