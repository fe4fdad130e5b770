import crypto from 'crypto';

/** A strong ETag: the same bytes always give the same tag, different bytes a different one. */
export const strongEtag = (body: Buffer | string): string => `"${crypto.createHash('sha1').update(body).digest('base64url')}"`;
