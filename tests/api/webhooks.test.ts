import http from 'http';
import type { AddressInfo } from 'net';
import { registerWebhooksFromEnv, WEBHOOK_EVENTS } from '../../src/bootstrap/webhooks';
import { createCity } from '../helpers/builders';
import { useApp } from '../helpers/strapi';

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
