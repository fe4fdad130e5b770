import type { Core } from '@strapi/strapi';

/** What the web team's sites need to hear about: content going live, changing or going away. */
export const WEBHOOK_EVENTS = ['entry.publish', 'entry.unpublish', 'entry.update', 'entry.delete'];

export const webhookUrls = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');

/**
 * Registers a webhook for each URL in WEBHOOK_URLS (comma-separated) unless one with that URL
 * exists, so restarts do not duplicate them; webhooks made in the admin panel are left alone.
 */
export const registerWebhooksFromEnv = async (strapi: Core.Strapi, urls = webhookUrls(process.env.WEBHOOK_URLS)) => {
  if (urls.length === 0) return;
  const store = strapi.get('webhookStore');
  const existing: Array<{ url: string }> = await store.findWebhooks();
  for (const url of urls) {
    if (existing.some((webhook) => webhook.url === url)) continue;
    if (!/^https?:\/\//.test(url)) throw new Error(`WEBHOOK_URLS: ${url} is not an http(s) URL`);
    const webhook = await store.createWebhook({ name: `Web team: ${new URL(url).host}`, url, headers: {}, events: WEBHOOK_EVENTS, isEnabled: true });
    strapi.get('webhookRunner').add(webhook);
    strapi.log.info(`Registered webhook ${url} for ${WEBHOOK_EVENTS.join(', ')}`);
  }
};
