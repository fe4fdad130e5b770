import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Signed preview links, shared by the CMS (which signs them for the admin panel's Preview) and
 * the reference site (which checks them before fetching a draft). A link names one document, one
 * locale and one status and expires within minutes; the signature covers all of it, so a link
 * cannot be edited into another document, language or status, nor used once it has expired.
 * No dependencies: both sides import this file.
 */
export type PreviewStatus = 'draft' | 'published';
export type PreviewTarget = { uid: string; documentId: string; locale: string; status: PreviewStatus };
export type PreviewRefusal = 'malformed' | 'signature' | 'expired';
export type PreviewCheck = { ok: true; target: PreviewTarget; expires: number } | { ok: false; reason: PreviewRefusal };

/** The query parameters of a link, in this order. */
export const PREVIEW_PARAMS = ['uid', 'documentId', 'locale', 'status', 'expires', 'signature'] as const;
export const DEFAULT_PREVIEW_TTL_SECONDS = 600;
/** Secrets shorter than this are refused: an HMAC key someone can guess protects nothing. */
export const MIN_PREVIEW_SECRET_LENGTH = 32;

const STATUSES: readonly string[] = ['draft', 'published'];

const signatureOf = (target: PreviewTarget, expires: number, secret: string) =>
  createHmac('sha256', secret)
    .update(['partner-cities-preview-v1', target.uid, target.documentId, target.locale, target.status, String(expires)].join('\n'))
    .digest('base64url');

const assertSecret = (secret: string) => {
  if (secret.length < MIN_PREVIEW_SECRET_LENGTH) throw new Error(`PREVIEW_SECRET must be at least ${MIN_PREVIEW_SECRET_LENGTH} characters`);
};

/** The query string of a link to `target`, valid for `ttlSeconds` from `now`. */
export const signPreviewLink = (target: PreviewTarget, secret: string, { now = Date.now(), ttlSeconds = DEFAULT_PREVIEW_TTL_SECONDS } = {}): URLSearchParams => {
  assertSecret(secret);
  const expires = Math.floor(now / 1000) + ttlSeconds;
  return new URLSearchParams({ ...target, expires: String(expires), signature: signatureOf(target, expires, secret) });
};

/** Whether a link's parameters are intact and still valid, and what they point at. */
export const verifyPreviewLink = (query: URLSearchParams, secret: string, now = Date.now()): PreviewCheck => {
  assertSecret(secret);
  const values = PREVIEW_PARAMS.map((name) => query.getAll(name));
  // Exactly one of each: a repeated parameter could be read one way here and another way elsewhere.
  if (values.some((list) => list.length !== 1 || list[0] === '')) return { ok: false, reason: 'malformed' };
  const [uid, documentId, locale, status, expiresText, signature] = values.map((list) => list[0]);
  if (!STATUSES.includes(status) || !/^\d{1,12}$/.test(expiresText)) return { ok: false, reason: 'malformed' };
  const target: PreviewTarget = { uid, documentId, locale, status: status as PreviewStatus };
  const expires = Number(expiresText);
  const expected = Buffer.from(signatureOf(target, expires, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  if (expires * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, target, expires };
};
