import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { MAX_PAGE_SIZE } from '../../../../config/api';
import { CONTENT_TYPE_UIDS, isLocalizedAttribute } from '../../../domain/content-types';
import { DEFAULT_LOCALE, SUPPORTED_LOCALE_CODES } from '../../../locales/locales';
import { buildOpenApiDocument, CACHE_HEADERS, type RouteInfo } from '../../../openapi/build';
import type { ModelInfo } from '../../../openapi/schemas';

const modelInfo = (model: any): ModelInfo => ({
  uid: model.uid,
  kind: model.kind,
  schemaName: model.modelName,
  singularName: model.info?.singularName,
  pluralName: model.info?.pluralName,
  displayName: model.info?.displayName ?? model.modelName,
  description: model.info?.description,
  attributes: model.attributes,
  localized: isLocalizedAttribute(model),
  draftAndPublish: model.options?.draftAndPublish === true,
});

/** The swagger-ui files the docs page needs, read from the installed package (no CDN). */
const SWAGGER_UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  const assets = new Map<string, Buffer>();

  return {
    /** Every route registered on the content API (method and full path), as koa-router has them. */
    contentApiRoutes(): RouteInfo[] {
      return strapi.server
        .api('content-api')
        .listRoutes()
        .flatMap((layer: any) => (layer.methods as string[]).filter((method) => method !== 'HEAD').map((method) => ({ method, path: layer.path as string })));
    },

    /** Built once, on first use, from the running app's routes and schemas. */
    openApiDocument() {
      if (!document) {
        const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
        const serverUrl = (strapi.config.get('server.url') as string) || '';
        document = buildOpenApiDocument({
          title: 'Leeds partner cities: public content API',
          version: (strapi.config.get('info.version') as string) ?? '0.0.0',
          serverUrl: serverUrl || '/',
          prefix,
          locales: SUPPORTED_LOCALE_CODES,
          defaultLocale: DEFAULT_LOCALE,
          maxPageSize: MAX_PAGE_SIZE,
          routes: this.contentApiRoutes(),
          contentTypes: CONTENT_TYPE_UIDS.map((uid) => modelInfo(strapi.getModel(uid))),
          components: Object.values(strapi.components).map(modelInfo),
          customOperations: {
            [`GET ${prefix}/cities/geojson`]: {
              tags: ['City'],
              operationId: 'citiesGeoJson',
              summary: 'Published cities as an RFC 7946 GeoJSON FeatureCollection (coordinates are [longitude, latitude])',
              parameters: [{ $ref: '#/components/parameters/locale' }, { $ref: '#/components/parameters/fallbackLocale' }],
              responses: {
                '200': { description: 'One Point feature per city', headers: CACHE_HEADERS, content: { 'application/geo+json': { schema: { $ref: '#/components/schemas/FeatureCollection' } } } },
                '304': { $ref: '#/components/responses/NotModified' },
                '400': { $ref: '#/components/responses/Error400' },
              },
            },
            [`GET ${prefix}/openapi.json`]: {
              tags: ['Documentation'],
              operationId: 'openApiDocument',
              summary: 'This document',
              responses: { '200': { description: 'OpenAPI 3 document', headers: CACHE_HEADERS, content: { 'application/json': { schema: { type: 'object' } } } } },
            },
            [`GET ${prefix}/docs`]: {
              tags: ['Documentation'],
              operationId: 'apiDocsPage',
              summary: 'Human-readable documentation of this API',
              responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } } },
            },
            [`GET ${prefix}/docs/:asset`]: {
              tags: ['Documentation'],
              operationId: 'apiDocsAsset',
              summary: 'Scripts and styles of the documentation page',
              responses: { '200': { description: 'A static file', content: { 'text/plain': { schema: { type: 'string' } } } }, '404': { $ref: '#/components/responses/Error404' } },
            },
          },
        });
      }
      return document;
    },

    docsPage(prefix: string) {
      return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Leeds partner cities API</title>
<link rel="stylesheet" href="${prefix}/docs/swagger-ui.css">
</head>
<body>
<main id="swagger-ui" aria-label="API documentation"></main>
<script src="${prefix}/docs/swagger-ui-bundle.js"></script>
<script src="${prefix}/docs/init.js"></script>
</body>
</html>
`;
    },

    /** A docs asset by name, or undefined. Loaded from node_modules once and kept in memory. */
    docsAsset(name: string, prefix: string): { type: string; body: Buffer } | undefined {
      if (name === 'init.js') {
        const script = `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(`${prefix}/openapi.json`)}, dom_id: '#swagger-ui', deepLinking: true });\n`;
        return { type: 'application/javascript; charset=utf-8', body: Buffer.from(script) };
      }
      const type = SWAGGER_UI_FILES[name];
      if (!type) return undefined;
      if (!assets.has(name)) {
        const directory = path.dirname(require.resolve('swagger-ui-dist/package.json'));
        assets.set(name, fs.readFileSync(path.join(directory, name)));
      }
      return { type, body: assets.get(name)! };
    },
  };
};
