import { type ModelInfo, modelSchema, schemaName } from './schemas';

/**
 * The OpenAPI 3.1 document of the public REST API, built from what the running app has: the routes
 * Strapi registered for the content API and the content-type schemas. Nothing is written by
 * hand per type, so it cannot drift from the code. It lists what the public and read-only tokens
 * may call (the content types' find and findOne, and the routes in `customOperations`), nothing
 * else: a client generated from it should not offer calls that answer 403.
 * tests/api/openapi-truth.test.ts validates real responses against it.
 */
export type RouteInfo = { method: string; path: string };
export type OpenApiInput = {
  title: string;
  version: string;
  serverUrl: string;
  prefix: string;
  locales: readonly string[];
  defaultLocale: string;
  maxPageSize: number;
  routes: RouteInfo[];
  contentTypes: ModelInfo[];
  components: ModelInfo[];
  /** Documentation of the public routes that are not a content type's find/findOne. */
  customOperations?: Record<string, Record<string, any>>;
  /** Tags of the custom operations that are not a content type's. */
  extraTags?: { name: string; description: string }[];
  contact: { name: string; url: string; email?: string };
};

type Operation = Record<string, any>;

const json = (schema: Record<string, any>) => ({ 'application/json': { schema } });
export const ref = (kind: 'schemas' | 'parameters' | 'responses' | 'headers', name: string) => ({ $ref: `#/components/${kind}/${name}` });

/** Headers of every successful public GET. */
export const CACHE_HEADERS = { ETag: ref('headers', 'ETag'), 'Cache-Control': ref('headers', 'CacheControl') };

/** `/api/cities/:id` → `/api/cities/{id}`; `/(.*)` style wildcards become `{path}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, '{$1}').replace(/\(\.\*\)/g, '{path}');

const pathParameters = (path: string) =>
  [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));

export const errorResponses = (...codes: number[]) => Object.fromEntries(codes.map((code) => [String(code), ref('responses', `Error${code}`)]));

const READ_PARAMETERS = ['locale', 'fallbackLocale', 'populate', 'fields', 'filters', 'sort', 'pagination.page', 'pagination.pageSize', 'pagination.start', 'pagination.limit', 'pagination.withCount'];
const ONE_PARAMETERS = ['locale', 'fallbackLocale', 'populate', 'fields'];

/** Public reads need no credentials; a read-only token gets the same answers. */
export const READ_SECURITY = [{}, { bearerAuth: [] }];

const contentTypeOperation = (model: ModelInfo, route: RouteInfo, prefix: string): Operation | undefined => {
  if (route.method.toUpperCase() !== 'GET') return undefined;
  const name = schemaName(model.uid);
  const base = model.kind === 'singleType' ? `${prefix}/${model.singularName}` : `${prefix}/${model.pluralName}`;
  const isItem = route.path === `${base}/:id`;
  if (route.path !== base && !isItem) return undefined;
  const tags = [model.displayName];
  const single = model.kind === 'singleType';
  const envelope = (data: Record<string, any>, meta: Record<string, any>) => ({ type: 'object', required: ['data', 'meta'], properties: { data, meta } });

  if (!isItem && !single) {
    return {
      tags,
      operationId: `find${name}`,
      summary: `List published ${model.pluralName}`,
      security: READ_SECURITY,
      parameters: READ_PARAMETERS.map((param) => ref('parameters', param)),
      responses: {
        '200': { description: 'A page of entries', headers: CACHE_HEADERS, content: json(envelope({ type: 'array', items: ref('schemas', name) }, { type: 'object', required: ['pagination'], properties: { pagination: ref('schemas', 'Pagination') } })) },
        '304': ref('responses', 'NotModified'),
        ...errorResponses(400, 401, 403, 429, 503),
      },
    };
  }
  return {
    tags,
    operationId: single ? `get${name}` : `findOne${name}`,
    summary: single ? `The published ${model.displayName}` : `One published ${model.singularName} by documentId`,
    security: READ_SECURITY,
    parameters: ONE_PARAMETERS.map((param) => ref('parameters', param)),
    responses: {
      '200': { description: 'The entry', headers: CACHE_HEADERS, content: json(envelope(ref('schemas', name), { type: 'object' })) },
      '304': ref('responses', 'NotModified'),
      ...errorResponses(400, 401, 403, 404, 429, 503),
    },
  };
};

export const buildOpenApiDocument = (input: OpenApiInput) => {
  const modelNames = new Map<string, string>(input.contentTypes.map((model) => [model.uid, schemaName(model.uid)]));
  const schemas: Record<string, any> = {};
  for (const model of input.contentTypes) {
    schemas[schemaName(model.uid)] = modelSchema(model, modelNames, input.locales);
  }
  for (const component of input.components) schemas[schemaName(component.uid)] = modelSchema(component, modelNames, input.locales);
  Object.assign(schemas, SHARED_SCHEMAS);

  const paths: Record<string, Record<string, Operation>> = {};
  const routes = [...input.routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  for (const route of routes) {
    const method = route.method.toLowerCase();
    if (method === 'head' || method === 'options') continue;
    const path = openApiPath(route.path);
    const custom = input.customOperations?.[`${route.method.toUpperCase()} ${route.path}`];
    const model = input.contentTypes.find((candidate) => contentTypeOperation(candidate, route, input.prefix));
    const operation = custom ?? (model ? contentTypeOperation(model, route, input.prefix) : undefined);
    if (!operation) continue; // not something the public or a read-only token may call
    const parameters = [...pathParameters(path), ...(operation.parameters ?? [])];
    paths[path] = { ...paths[path], [method]: { ...operation, ...(parameters.length ? { parameters } : {}) } };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: input.title,
      version: input.version,
      description:
        'Public read API of the Partner Cities CMS: published content only, in the locales ' +
        `${input.locales.join(', ')} (default ${input.defaultLocale}). Every GET answers with an ETag and ` +
        'Cache-Control; send If-None-Match to get 304 Not Modified. No credentials needed; a read-only API token gets the same answers.',
      contact: input.contact,
      license: { name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
    },
    servers: [{ url: input.serverUrl, description: 'This instance' }],
    tags: [
      ...input.contentTypes.map((model) => ({ name: model.displayName, description: model.description || model.displayName })),
      ...(input.extraTags ?? []),
    ],
    paths,
    components: {
      schemas,
      parameters: queryParameters(input),
      responses: {
        NotModified: { description: 'Not Modified: the ETag sent in If-None-Match is still current.' },
        ...Object.fromEntries(
          [
            [400, 'Bad request: an unknown locale or parameter, a draft asked for, populate too deep; the message names the parameter'],
            [401, 'Invalid credentials (an unknown or expired token)'],
            [403, 'Not allowed for these credentials'],
            [404, 'No such document'],
            [429, 'Too many requests from this client; retry after `Retry-After` seconds'],
            [503, 'The database cannot be reached just now; retry after `Retry-After` seconds'],
          ].map(([code, description]) => [`Error${code}`, { description, content: json(ref('schemas', 'Error')) }]),
        ),
      },
      headers: {
        ETag: { description: 'Strong validator of the body; send it back in If-None-Match.', schema: { type: 'string' } },
        CacheControl: { description: '`public, max-age=…, stale-while-revalidate=…` for public reads.', schema: { type: 'string' } },
      },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'A read-only API token: `Authorization: Bearer <token>`. Reads need none.' },
      },
    },
  };
};

const queryParameters = (input: OpenApiInput) => ({
  locale: { name: 'locale', in: 'query', description: `Locale of the content (default ${input.defaultLocale}); any other value is a 400.`, schema: { type: 'string', enum: [...input.locales], default: input.defaultLocale } },
  fallbackLocale: { name: 'fallbackLocale', in: 'query', description: 'For a document missing in `locale`, serve it in this locale instead.', schema: { type: 'string', enum: [...input.locales] } },
  populate: { name: 'populate', in: 'query', description: 'Relations and components to include: `*`, a comma-separated list, or `populate[city]=true`; at most two levels.', style: 'deepObject', explode: true, schema: { oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: true }] } },
  fields: { name: 'fields', in: 'query', description: 'Fields to return, e.g. `fields[0]=name`.', style: 'deepObject', explode: true, schema: { type: 'object', additionalProperties: { type: 'string' } } },
  filters: { name: 'filters', in: 'query', description: 'Filters, e.g. `filters[startYear][$lt]=1970`, `filters[city][slug][$eq]=brno`.', style: 'deepObject', explode: true, schema: { type: 'object', additionalProperties: true } },
  sort: { name: 'sort', in: 'query', description: 'Sort, e.g. `startYear:asc` or `sort[0]=title:desc`.', schema: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } },
  'pagination.page': { name: 'pagination[page]', in: 'query', schema: { type: 'integer', minimum: 1 } },
  'pagination.pageSize': { name: 'pagination[pageSize]', in: 'query', description: `At most ${input.maxPageSize}; larger values are capped.`, schema: { type: 'integer', minimum: 1, maximum: input.maxPageSize } },
  'pagination.start': { name: 'pagination[start]', in: 'query', schema: { type: 'integer', minimum: 0 } },
  'pagination.limit': { name: 'pagination[limit]', in: 'query', description: `At most ${input.maxPageSize}.`, schema: { type: 'integer', maximum: input.maxPageSize } },
  'pagination.withCount': { name: 'pagination[withCount]', in: 'query', schema: { type: 'boolean' } },
});

const SHARED_SCHEMAS = {
  SearchHit: {
    type: 'object',
    required: ['type', 'uid', 'documentId', 'slug', 'locale', 'title', 'snippet'],
    additionalProperties: false,
    properties: {
      type: { type: 'string', enum: ['city', 'partnership', 'project', 'theme'] },
      uid: { type: 'string', examples: ['api::city.city'] },
      documentId: { type: 'string' },
      slug: { type: ['string', 'null'] },
      locale: { type: 'string', description: 'The version found: `locale`, or `fallbackLocale` for a document not yet in it' },
      title: { type: 'string' },
      snippet: { type: 'string', description: 'HTML: the text around the match, escaped, with the matching words in <mark>' },
    },
  },
  Locale: {
    type: 'object',
    required: ['code', 'name', 'isDefault'],
    additionalProperties: false,
    properties: {
      code: { type: 'string', description: 'The value for `locale=` and `fallbackLocale=`', examples: ['fr'] },
      name: { type: 'string', description: 'English name and code', examples: ['French (fr)'] },
      isDefault: { type: 'boolean' },
    },
  },
  Pagination: {
    type: 'object',
    properties: { page: { type: 'integer' }, pageSize: { type: 'integer' }, pageCount: { type: 'integer' }, total: { type: 'integer' }, start: { type: 'integer' }, limit: { type: 'integer' } },
  },
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      data: { type: 'null' },
      error: {
        type: 'object',
        required: ['status', 'name', 'message'],
        properties: { status: { type: 'integer' }, name: { type: 'string' }, message: { type: 'string' }, details: { type: 'object', additionalProperties: true } },
      },
    },
  },
  Block: { type: 'object', required: ['type'], properties: { type: { type: 'string' }, children: { type: 'array', items: { type: 'object' } } }, additionalProperties: true },
  MediaFormat: {
    type: 'object',
    description: 'A resized version of an image (thumbnail, small, medium, large)',
    required: ['url'],
    properties: {
      name: { type: 'string' },
      hash: { type: 'string' },
      ext: { type: 'string' },
      mime: { type: 'string' },
      path: { type: ['string', 'null'] },
      url: { type: 'string' },
      width: { type: 'integer' },
      height: { type: 'integer' },
      size: { type: 'number', description: 'kB' },
      sizeInBytes: { type: 'integer' },
    },
  },
  Media: {
    type: 'object',
    description: 'A file of the media library, as the upload plugin returns it',
    required: ['id', 'url'],
    properties: {
      id: { type: 'integer' },
      documentId: { type: 'string' },
      name: { type: 'string' },
      alternativeText: { type: ['string', 'null'] },
      caption: { type: ['string', 'null'] },
      focalPoint: { type: ['object', 'null'], properties: { x: { type: 'number' }, y: { type: 'number' } } },
      width: { type: ['integer', 'null'] },
      height: { type: ['integer', 'null'] },
      formats: { type: ['object', 'null'], additionalProperties: { $ref: '#/components/schemas/MediaFormat' } },
      hash: { type: 'string' },
      ext: { type: ['string', 'null'] },
      mime: { type: 'string' },
      size: { type: 'number', description: 'kB' },
      url: { type: 'string', description: 'Absolute when the files are in an object store (S3_PUBLIC_URL), else a path on this server' },
      previewUrl: { type: ['string', 'null'] },
      provider: { type: 'string' },
      provider_metadata: { type: ['object', 'null'] },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      publishedAt: { type: ['string', 'null'], format: 'date-time' },
    },
  },
  FeatureCollection: {
    type: 'object',
    description: 'RFC 7946 GeoJSON',
    required: ['type', 'features'],
    properties: {
      type: { type: 'string', enum: ['FeatureCollection'] },
      features: {
        type: 'array',
        items: {
          type: 'object',
          required: ['type', 'geometry', 'properties'],
          properties: {
            type: { type: 'string', enum: ['Feature'] },
            id: { type: 'string' },
            geometry: {
              type: 'object',
              properties: { type: { type: 'string', enum: ['Point'] }, coordinates: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description: '[longitude, latitude]' } },
            },
            properties: { type: 'object', additionalProperties: true },
          },
        },
      },
    },
  },
};
