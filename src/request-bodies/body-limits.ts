/**
 * Request body limits; over a limit the answer is 413 PayloadTooLargeError
 * (src/middlewares/payload-too-large.ts). Sizes are bytes or strings like "1mb".
 */
import type { env as strapiEnv } from '@strapi/utils';

/** Strapi's `env` helper, as config files and modules get it. */
type Env = typeof strapiEnv;

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `"10mb"` → 10485760; a number is bytes already. */
export const parseSize = (value: number | string): number => {
  if (typeof value === 'number') return value;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(value);
  if (!match) throw new Error(`not a size: ${JSON.stringify(value)} (write e.g. 512kb or 10mb)`);
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]);
};

/**
 * strapi::body (koa-body). It never parses multipart: files are read only on the routes that
 * take them, after login (src/middlewares/multipart-body.ts).
 */
export const bodyLimits = (env: Env) => ({
  // Content writes are small; 1 MB leaves room for long rich text.
  jsonLimit: env('BODY_JSON_LIMIT', '1mb'),
  formLimit: env('BODY_FORM_LIMIT', '1mb'),
  // XLIFF import sends a whole locale as text/plain or text/xml (or as a file, with the same limit).
  textLimit: env('BODY_TEXT_LIMIT', '10mb'),
  multipart: false,
});

/** All files of one media upload together; nginx allows 50 MB too. */
export const uploadSizeLimit = (env: Env) => env.int('UPLOAD_MAX_FILE_SIZE_MB', 50) * 1024 * 1024;

/** An XLIFF file: the same limit however it is sent. */
export const xliffSizeLimit = (env: Env) => parseSize(bodyLimits(env).textLimit as string);
