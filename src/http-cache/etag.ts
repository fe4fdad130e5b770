import crypto from 'crypto';

/** A strong ETag: the same bytes always give the same tag, different bytes a different one. */
export const strongEtag = (body: Buffer | string): string => `"${crypto.createHash('sha1').update(body).digest('base64url')}"`;

/**
 * RFC 9110 §13.1.2: does If-None-Match name this ETag? Weak comparison (W/ prefixes ignored),
 * `*` matches anything. Evaluated by the origin even under `Cache-Control: no-cache`, which
 * Node's fetch adds to every conditional request (Koa's `ctx.fresh` would answer 200 then).
 */
export const ifNoneMatchHits = (header: string | undefined, etag: string): boolean => {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
};
