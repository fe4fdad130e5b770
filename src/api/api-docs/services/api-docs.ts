import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { MAX_PAGE_SIZE } from '../../../../config/api';
import { CONTENT_TYPE_UIDS, isLocalizedAttribute } from '../../../domain/content-types';
import { DEFAULT_LOCALE, SUPPORTED_LOCALE_CODES } from '../../../locales/locales';
import { buildOpenApiDocument, type RouteInfo } from '../../../openapi/build';
import { publicOperations } from '../../../openapi/public-operations';
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
          contact: { name: 'Leeds City Council, International Relations', url: 'https://www.leeds.gov.uk/international-relations' },
          extraTags: [
            { name: 'Search', description: 'Multilingual search over the published content' },
            { name: 'Locales', description: 'The languages content is published in' },
            { name: 'Documentation', description: 'This document and the page rendering it' },
          ],
          customOperations: publicOperations(prefix),
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
