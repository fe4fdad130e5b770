import crypto from 'crypto';
import { adminLogin, createApiToken, withToken } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

// Small limits so the tests reach them quickly; the proxy is trusted so each test is its own client.
const LIMIT = 3;
const WINDOW_SECONDS = 5;
Object.assign(process.env, {
  RATE_LIMIT_ENABLED: 'true',
  RATE_LIMIT_MAX: String(LIMIT),
  RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
  TRUST_PROXY: 'true',
  BODY_JSON_LIMIT: '2kb',
  BODY_FORM_LIMIT: '2kb',
  BODY_TEXT_LIMIT: '4kb',
  UPLOAD_MAX_FILE_SIZE_MB: '1',
});

let clients = 0;
/** A client address of its own, so each test starts with a fresh window. */
const newClient = () => ({ 'X-Forwarded-For': `10.0.${Math.floor(clients / 250)}.${(clients++ % 250) + 1}` });
const uncachedPath = () => `/api/themes?filters[name][$eq]=${crypto.randomBytes(4).toString('hex')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('request limits', () => {
  const app = useApp();

  describe('request body limits', () => {
    // A client error: answered 413 without an error-level log entry (log flooding).
    let errorLog: jest.SpyInstance;
    beforeEach(() => {
      errorLog = jest.spyOn(app().strapi.log, 'error');
    });
    afterEach(() => errorLog.mockRestore());

    const expect413 = (response: { status: number; body: any }) => {
      expect(response.status).toBe(413);
      expect(response.body.error).toMatchObject({ status: 413, name: 'PayloadTooLargeError' });
      expect(errorLog).not.toHaveBeenCalled();
    };

    it('JSON over BODY_JSON_LIMIT → 413; under it, the request goes on', async () => {
      const post = (size: number) =>
        app()
          .http()
          .post('/api/cities')
          .set(newClient())
          .send({ data: { name: 'x'.repeat(size) } });
      expect413(await post(3000));
      expect((await post(100)).status).toBe(403);
    });

    it('form over BODY_FORM_LIMIT → 413', async () => {
      const post = (size: number) =>
        app()
          .http()
          .post('/api/cities')
          .set(newClient())
          .type('form')
          .send(`data[name]=${'x'.repeat(size)}`);
      expect413(await post(3000));
      expect((await post(100)).status).toBe(403);
    });

    it('XLIFF import as text/plain or text/xml over BODY_TEXT_LIMIT → 413', async () => {
      const admin = await adminLogin(app());
      const big = `<?xml version="1.0"?><xliff version="1.2">${' '.repeat(5000)}</xliff>`;
      for (const type of ['text/plain', 'text/xml']) {
        expect413(await app().http().post('/translations/xliff?locale=fr').set(admin.headers).set('Content-Type', type).send(big));
      }
      const small = await app().http().post('/translations/xliff?locale=fr').set(admin.headers).set('Content-Type', 'text/plain').send('<xliff');
      expect(small.status).toBe(400);
    });

    it('multipart upload over UPLOAD_MAX_FILE_SIZE_MB → 413; without credentials it is not even read (403)', async () => {
      const token = await createApiToken(app(), 'full-access');
      const upload = (bytes: number, headers: Record<string, string>) =>
        app().http().post('/api/upload').set(newClient()).set(headers).attach('files', Buffer.alloc(bytes, 1), { filename: 'big.png', contentType: 'image/png' });
      expect413(await upload(1024 * 1024 + 10, withToken(token)));
      expect((await upload(1024 * 1024 + 10, {})).status).toBe(403);
    });
  });

  describe('rate limit on the public API', () => {
    const get = (path: string, headers: Record<string, string>) => app().http().get(path).set(headers);

    it('cached reads are neither counted nor throttled; uncached ones get 429 with Retry-After', async () => {
      const client = newClient();
      const first = await get('/api/cities?locale=fr', client);
      expect(first.headers['x-cache']).toBe('MISS');
      for (let i = 0; i < LIMIT * 3; i += 1) {
        const cached = await get('/api/cities?locale=fr', client);
        expect([cached.status, cached.headers['x-cache']]).toEqual([200, 'HIT']);
      }
      // The miss above was request 1 of LIMIT.
      for (let i = 1; i < LIMIT; i += 1) expect((await get(uncachedPath(), client)).status).toBe(200);
      const refused = await get(uncachedPath(), client);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(WINDOW_SECONDS);
      expect(refused.body).toEqual({
        data: null,
        error: {
          status: 429,
          name: 'RateLimitError',
          message: expect.stringMatching(/^Too many requests/),
          details: { retryAfterSeconds: expect.any(Number) },
        },
      });
      // Still throttled, and still served from the cache.
      const cached = await get('/api/cities?locale=fr', client);
      expect([cached.status, cached.headers['x-cache']]).toEqual([200, 'HIT']);
      // Another client is not affected.
      expect((await get(uncachedPath(), newClient())).status).toBe(200);
    });

    it('the window resets', async () => {
      const client = newClient();
      for (let i = 0; i < LIMIT; i += 1) expect((await get(uncachedPath(), client)).status).toBe(200);
      const refused = await get(uncachedPath(), client);
      expect(refused.status).toBe(429);
      await sleep(Number(refused.headers['retry-after']) * 1000 + 100);
      const again = await get(uncachedPath(), client);
      expect(again.status).toBe(200);
      expect(again.headers['ratelimit-remaining']).toBe(String(LIMIT - 1));
    });

    it('API tokens are counted per token, not per address', async () => {
      const client = newClient();
      const [tokenA, tokenB] = [await createApiToken(app(), 'full-access'), await createApiToken(app(), 'full-access')];
      for (let i = 0; i < LIMIT; i += 1) expect((await get(uncachedPath(), { ...client, ...withToken(tokenA) })).status).toBe(200);
      expect((await get(uncachedPath(), { ...client, ...withToken(tokenA) })).status).toBe(429);
      expect((await get(uncachedPath(), { ...client, ...withToken(tokenB) })).status).toBe(200);
      expect((await get(uncachedPath(), client)).status).toBe(200);
    });

    it('made-up tokens are counted against the address', async () => {
      const client = newClient();
      const madeUp = () => withToken(crypto.randomBytes(16).toString('hex'));
      for (let i = 0; i <= LIMIT; i += 1) expect((await get(uncachedPath(), { ...client, ...madeUp() })).status).toBe(401);
      expect((await get(uncachedPath(), { ...client, ...madeUp() })).status).toBe(429);
    });

    it('XLIFF import is throttled per admin user', async () => {
      const [translatorA, translatorB] = [await adminLogin(app()), await adminLogin(app())];
      const importAs = (who: { headers: Record<string, string> }) =>
        app().http().post('/translations/xliff?locale=fr').set(who.headers).set('Content-Type', 'text/plain').send('<not-xliff');
      for (let i = 0; i < LIMIT; i += 1) expect((await importAs(translatorA)).status).toBe(400);
      const refused = await importAs(translatorA);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.body.error.name).toBe('RateLimitError');
      expect((await importAs(translatorB)).status).toBe(400);
    });
  });
});
