import type { Core } from '@strapi/strapi';

/** The OpenAPI document and the page that renders it; no content type behind them. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.service('api::api-docs.api-docs');
  const prefix = () => strapi.config.get('api.rest.prefix', '/api') as string;
  return {
    async openapi(ctx: any) {
      ctx.body = service().openApiDocument();
    },
    async page(ctx: any) {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = service().docsPage(prefix());
    },
    async asset(ctx: any) {
      const asset = service().docsAsset(ctx.params.asset, prefix());
      if (!asset) return ctx.notFound('No such documentation file');
      ctx.type = asset.type;
      ctx.body = asset.body;
    },
  };
};
