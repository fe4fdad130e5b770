import http from 'http';
import type { AddressInfo } from 'net';
import { execFile } from 'child_process';
import { promisify } from 'util';
import { registerWebhooksFromEnv, WEBHOOK_EVENTS } from '../../src/bootstrap/webhooks';
import { cityInput, createCity } from '../helpers/builders';
import { withToken } from '../helpers/callers';
import { useApp } from '../helpers/strapi';
import { APP_DIR } from '../setup/env';
import { databaseUrl } from '../setup/database';

const run = promisify(execFile);

describe('webhooks for the web team', () => {
  const received: Array<{ path: string; body: any }> = [];
  let receiver: http.Server;
  let url: string;

  beforeAll(async () => {
    receiver = http.createServer((request, response) => {
      let text = '';
      request.on('data', (chunk) => (text += chunk));
      request.on('end', () => {
        received.push({ path: request.url ?? '', body: JSON.parse(text) });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/strapi-hook`;
    process.env.WEBHOOK_URLS = `${url}, `;
  });
  afterAll(async () => {
    delete process.env.WEBHOOK_URLS;
    await new Promise((resolve) => receiver.close(resolve));
  });

  const app = useApp();

  const waitFor = async (predicate: () => boolean) => {
    for (let i = 0; i < 100 && !predicate(); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    return predicate();
  };

  it('registers WEBHOOK_URLS at start-up, once however often it runs', async () => {
    await registerWebhooksFromEnv(app().strapi);
    const hooks = (await app().strapi.get('webhookStore').findWebhooks()).filter((hook: any) => hook.url === url);
    expect(hooks).toHaveLength(1);
    expect(hooks[0].events).toEqual(WEBHOOK_EVENTS);
    expect(hooks[0].isEnabled).toBe(true);
  });

  it('POSTs the uid, documentId and locale when a document is published', async () => {
    const draft = await createCity(app(), { name: 'Webhook Town' }, 'draft');
    await app().strapi.documents('api::city.city').publish({ documentId: draft.documentId, locale: 'en' });
    const isPublish = (hook: { body: any }) => hook.body.event === 'entry.publish' && hook.body.entry?.documentId === draft.documentId;
    expect(await waitFor(() => received.some(isPublish))).toBe(true);
    const hook = received.find(isPublish)!;
    expect(hook.path).toBe('/strapi-hook');
    expect(hook.body).toMatchObject({ uid: 'api::city.city', entry: { documentId: draft.documentId, locale: 'en' } });
  });

  it('refuses a WEBHOOK_URLS entry that is not http(s)', async () => {
    await expect(registerWebhooksFromEnv(app().strapi, ['ftp://files.example/hook'])).rejects.toThrow(/not an http\(s\) URL/);
  });
});

describe('npm run token:create', () => {
  const app = useApp();
  const createToken = (...args: string[]) =>
    run(process.execPath, ['scripts/token-create.js', ...args], { cwd: APP_DIR, env: { ...process.env, DATABASE_URL: databaseUrl(app().database) } });

  it('prints a read-only token once; it can read and cannot write', async () => {
    const { stdout } = await createToken('--name', 'web-team', '--days', '30');
    expect(stdout).toMatch(/Read-only API token "web-team" \(expires \d{4}-/);
    const accessKey = stdout.trim().split('\n').pop()!;
    expect(accessKey).toMatch(/^[0-9a-f]{64,}$/);
    const stored = await app().strapi.db.query('admin::api-token').findOne({ where: { name: 'web-team' } });
    expect(stored).toMatchObject({ type: 'read-only' });
    expect(stored.accessKey).not.toBe(accessKey);

    const read = await app().http().get('/api/cities').set(withToken(accessKey));
    expect(read.status).toBe(200);
    expect(read.body.data).toHaveLength(6);
    const write = await app().http().post('/api/cities').set(withToken(accessKey)).send({ data: cityInput() });
    expect(write.status).toBe(403);
    const remove = await app().http().delete(`/api/cities/${read.body.data[0].documentId}`).set(withToken(accessKey));
    expect(remove.status).toBe(403);
  }, 120_000);

  it('refuses a name in use and a lifespan Strapi does not offer', async () => {
    await expect(createToken('--name', 'web-team')).rejects.toMatchObject({ stderr: expect.stringContaining('already exists') });
    await expect(createToken('--name', 'other', '--days', '12')).rejects.toMatchObject({ stderr: expect.stringContaining('--days must be one of 7, 30, 90') });
  }, 120_000);
});
