import { CACHE_HEADERS, READ_SECURITY, errorResponses, ref } from './build';

/**
 * The public routes that are not a content type's find or findOne, keyed `METHOD /path` as the
 * router lists them: GeoJSON, the locales, and this documentation.
 */
export const publicOperations = (prefix: string): Record<string, Record<string, any>> => ({
  [`GET ${prefix}/cities/geojson`]: {
    tags: ['City'],
    operationId: 'citiesGeoJson',
    summary: 'Published cities as an RFC 7946 GeoJSON FeatureCollection (coordinates are [longitude, latitude])',
    security: READ_SECURITY,
    parameters: [ref('parameters', 'locale'), ref('parameters', 'fallbackLocale')],
    responses: {
      '200': { description: 'One Point feature per city', headers: CACHE_HEADERS, content: { 'application/geo+json': { schema: ref('schemas', 'FeatureCollection') } } },
      '304': ref('responses', 'NotModified'),
      ...errorResponses(400, 401, 429, 503),
    },
  },
  [`GET ${prefix}/search`]: {
    tags: ['Search'],
    operationId: 'search',
    summary: 'Search the published content of one locale: stems and accents as the language has them, names also misspelt; ranked titles over summaries over text',
    security: READ_SECURITY,
    parameters: [
      { name: 'q', in: 'query', required: true, description: 'The words to search for (at most 200 characters); quotes for a phrase, `-word` to exclude', schema: { type: 'string', minLength: 1, maxLength: 200 } },
      ref('parameters', 'locale'),
      ref('parameters', 'fallbackLocale'),
      { name: 'type', in: 'query', description: 'Comma-separated types to search (default all): city, partnership, project, theme', schema: { type: 'string', examples: ['city,partnership'] } },
      ref('parameters', 'pagination.page'),
      ref('parameters', 'pagination.pageSize'),
    ],
    responses: {
      '200': {
        description: 'A page of hits, best first',
        headers: CACHE_HEADERS,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['data', 'meta'],
              properties: { data: { type: 'array', items: ref('schemas', 'SearchHit') }, meta: { type: 'object', required: ['pagination'], properties: { pagination: ref('schemas', 'Pagination') } } },
            },
          },
        },
      },
      '304': ref('responses', 'NotModified'),
      ...errorResponses(400, 401, 429, 503),
    },
  },
  [`GET ${prefix}/locales`]: {
    tags: ['Locales'],
    operationId: 'listLocales',
    summary: 'The locales content is published in: code, name, and which is the default (for language switchers)',
    security: READ_SECURITY,
    responses: {
      '200': {
        description: 'Every locale',
        headers: CACHE_HEADERS,
        content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: ref('schemas', 'Locale') } } } } },
      },
      '304': ref('responses', 'NotModified'),
      ...errorResponses(400, 401, 429, 503),
    },
  },
  [`GET ${prefix}/openapi.json`]: {
    tags: ['Documentation'],
    operationId: 'openApiDocument',
    summary: 'This document',
    security: READ_SECURITY,
    responses: { '200': { description: 'OpenAPI 3.1 document', headers: CACHE_HEADERS, content: { 'application/json': { schema: { type: 'object' } } } }, ...errorResponses(429) },
  },
  [`GET ${prefix}/docs`]: {
    tags: ['Documentation'],
    operationId: 'apiDocsPage',
    summary: 'Human-readable documentation of this API',
    security: READ_SECURITY,
    responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } }, ...errorResponses(429) },
  },
  [`GET ${prefix}/docs/:asset`]: {
    tags: ['Documentation'],
    operationId: 'apiDocsAsset',
    summary: 'Scripts and styles of the documentation page',
    security: READ_SECURITY,
    responses: { '200': { description: 'A static file', content: { 'text/css': { schema: { type: 'string' } }, 'application/javascript': { schema: { type: 'string' } } } }, ...errorResponses(404, 429) },
  },
});
