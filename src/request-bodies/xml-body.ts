import { errors } from '@strapi/utils';

/** XML media types koa-body leaves unread (it reads only text/*): XLIFF's registered one and its older x- name. */
export const XML_TYPES = ['application/xliff+xml', 'application/x-xliff+xml', 'application/xml'];

/**
 * Reads an XML body sent with an application/… media type as text, up to `limit` bytes (413
 * beyond), on the routes that take XML files; text/* bodies are read by strapi::body already.
 */
export const xmlBody =
  ({ limit }: { limit: number }) =>
  async (ctx: any, next: () => Promise<unknown>) => {
    if (!ctx.is(XML_TYPES)) return next();
    const declared = Number(ctx.get('content-length'));
    if (declared > limit) throw new errors.PayloadTooLargeError(`Request body too large (limit ${limit} bytes)`, { limit });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new errors.PayloadTooLargeError(`Request body too large (limit ${limit} bytes)`, { limit });
      chunks.push(chunk);
    }
    ctx.request.body = Buffer.concat(chunks).toString('utf8');
    return next();
  };
