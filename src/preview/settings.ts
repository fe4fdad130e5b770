import { DEFAULT_PREVIEW_TTL_SECONDS, MIN_PREVIEW_SECRET_LENGTH } from '../../site/src/preview-link';

/**
 * Preview from the admin panel needs the reference site's address (as editors' browsers reach
 * it), the secret that signs preview links and the credential the site presents to fetch drafts.
 * All three or none: without them the edit view has no Preview button.
 */
export type PreviewSettings = { siteUrl: string; siteOrigin: string; secret: string; token: string; ttlSeconds: number };

type Env = Record<string, string | undefined>;

export const PREVIEW_VARIABLES = ['SITE_URL', 'PREVIEW_SECRET', 'PREVIEW_TOKEN'] as const;

export const previewSettings = (env: Env = process.env): PreviewSettings | undefined => {
  const [siteUrl, secret, token] = PREVIEW_VARIABLES.map((name) => env[name]?.trim() ?? '');
  if (!siteUrl && !secret && !token) return undefined;
  const missing = PREVIEW_VARIABLES.filter((name) => !env[name]?.trim());
  if (missing.length > 0) throw new Error(`Preview needs SITE_URL, PREVIEW_SECRET and PREVIEW_TOKEN together: ${missing.join(', ')} not set`);
  for (const [name, value] of [['PREVIEW_SECRET', secret], ['PREVIEW_TOKEN', token]] as const) {
    if (value.length < MIN_PREVIEW_SECRET_LENGTH) throw new Error(`${name} must be at least ${MIN_PREVIEW_SECRET_LENGTH} characters`);
  }
  if (secret === token) throw new Error('PREVIEW_SECRET and PREVIEW_TOKEN must differ: the token travels in requests, the secret never does');
  const ttlSeconds = Number(env.PREVIEW_LINK_TTL_SECONDS ?? DEFAULT_PREVIEW_TTL_SECONDS);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 10 || ttlSeconds > 3600) throw new Error('PREVIEW_LINK_TTL_SECONDS must be a whole number from 10 to 3600');
  return { siteUrl: siteUrl.replace(/\/+$/, ''), siteOrigin: new URL(siteUrl).origin, secret, token, ttlSeconds };
};
