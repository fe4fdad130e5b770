import { promisify } from 'util';
import zlib from 'zlib';

export type Encoding = 'br' | 'gzip';
export type Encoded = Partial<Record<Encoding, Buffer>>;

/** Below this a compressed body saves less than its headers cost (the same threshold as strapi::compression). */
export const COMPRESSION_THRESHOLD = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * The body in both encodings, computed once when a response is stored (on the thread pool, not
 * the event loop). Brotli quality 5 and gzip level 6: most of the size gain of the top levels at a
 * fraction of their time, since a miss waits for both.
 */
export const encodeBody = async (body: Buffer): Promise<Encoded | undefined> => {
  if (body.length < COMPRESSION_THRESHOLD) return undefined;
  const [br, gz] = await Promise.all([
    brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip(body, { level: 6 }),
  ]);
  return { br, gzip: gz };
};

/**
 * The encoding to send for an Accept-Encoding header (RFC 9110 §12.5.3): the acceptable one with
 * the highest q-value, brotli before gzip on a tie; `undefined` for the identity encoding.
 */
export const preferredEncoding = (acceptEncoding: string | undefined, available: Encoded | undefined): Encoding | undefined => {
  if (!acceptEncoding || !available) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)).find(Boolean);
    weights.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const weight = (encoding: Encoding) => weights.get(encoding) ?? weights.get('*') ?? 0;
  const candidates = (['br', 'gzip'] as const).filter((encoding) => available[encoding] && weight(encoding) > 0);
  if (candidates.length === 0) return undefined;
  return candidates.reduce((best, encoding) => (weight(encoding) > weight(best) ? encoding : best));
};

/** A compressed representation is a different representation: its own strong ETag (as Apache does). */
export const encodedEtag = (etag: string, encoding: Encoding | undefined) => (encoding ? `${etag.slice(0, -1)}-${encoding}"` : etag);
