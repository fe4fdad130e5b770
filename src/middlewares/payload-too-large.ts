import { errors } from '@strapi/utils';

/** raw-body's error for a body over koa-body's limit; it comes from its own copy of http-errors. */
const isTooLarge = (error: any) => error?.status === 413 || error?.statusCode === 413 || error?.type === 'entity.too.large';

/**
 * Sits just outside strapi::body. A JSON, form or text body over its limit makes koa-body throw
 * an http-errors 413 that strapi::errors does not recognise (another copy of the module) and
 * answers 500; this turns it into Strapi's 413 PayloadTooLargeError with the limit in the message.
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
