import { errors } from '@strapi/utils';

/** raw-body's error for a body over koa-body's limit (its own copy of http-errors). */
const isTooLarge = (error: any) => error?.status === 413 || error?.type === 'entity.too.large';

/**
 * Sits just outside strapi::body. strapi::errors does answer koa-body's 413 correctly, but only
 * after logging it at error level with a stack trace, as an unexpected error: anyone could fill
 * the logs by sending large bodies. Rethrown as Strapi's PayloadTooLargeError it is an ordinary
 * client error (same 413 answer), logged only by strapi::logger's request line.
 */
export default () => async (ctx: any, next: () => Promise<unknown>) => {
  try {
    await next();
  } catch (error: any) {
    if (!isTooLarge(error)) throw error;
    const limit = typeof error.limit === 'number' ? ` (limit ${error.limit} bytes)` : '';
    throw new errors.PayloadTooLargeError(`Request body too large${limit}`, { limit: error.limit ?? null });
  }
};
