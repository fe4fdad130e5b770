import type { Core } from '@strapi/strapi';
import { parseSearchQuery } from '../../../search/request';
import { searchContent } from '../../../search/query';

/** GET /api/search: the parameters are checked (400 naming the one at fault), then searched. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const request = parseSearchQuery(ctx.query ?? {});
    const { hits, total } = await searchContent(strapi, request);
    ctx.body = { data: hits, meta: { pagination: { page: request.page, pageSize: request.pageSize, pageCount: Math.ceil(total / request.pageSize), total } } };
  },
});
