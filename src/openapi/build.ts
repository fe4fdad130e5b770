import { type ModelInfo, modelInputSchema, modelSchema, schemaName } from './schemas';

/**
 * The OpenAPI 3 document of the public REST API, built from what the running app has: the routes
 * Strapi registered for the content API and the content-type schemas. Nothing is written by
 * hand per type, so it cannot drift from the code.
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
  /** Documentation of routes that are not a content type's find/findOne/create/update/delete. */
  customOperations?: Record<string, Record<string, any>>;
};

type Operation = Record<string, any>;

const json = (schema: Record<string, any>) => ({ 'application/json': { schema } });
const ref = (kind: 'schemas' | 'parameters' | 'responses' | 'headers', name: string) => ({ $ref: `#/components/${kind}/${name}` });

/** Headers of every successful public GET. */
export const CACHE_HEADERS = { ETag: ref('headers', 'ETag'), 'Cache-Control': ref('headers', 'CacheControl') };

/** `/api/cities/:id` → `/api/cities/{id}`; `/(.*)` style wildcards become `{path}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, '{$1}').replace(/\(\.\*\)/g, '{path}');

const pathParameters = (path: string) =>
  [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));

const errorResponses = (...codes: number[]) => Object.fromEntries(codes.map((code) => [String(code), ref('responses', `Error${code}`)]));

const READ_PARAMETERS = ['locale', 'fallbackLocale', 'populate', 'fields', 'filters', 'sort', 'pagination.page', 'pagination.pageSize', 'pagination.start', 'pagination.limit', 'pagination.withCount'];
const ONE_PARAMETERS = ['locale', 'fallbackLocale', 'populate', 'fields'];

const contentTypeOperation = (model: ModelInfo, route: RouteInfo, prefix: string): Operation | undefined => {
  const name = schemaName(model.uid);
  const method = route.method.toLowerCase();
  const base = model.kind === 'singleType' ? `${prefix}/${model.singularName}` : `${prefix}/${model.pluralName}`;
  const isItem = route.path === `${base}/:id`;
  if (route.path !== base && !isItem) return undefined;
  const tags = [model.displayName];
  const single = model.kind === 'singleType';
  const one = { data: ref('schemas', name), meta: { type: 'object' } };
  const list = { data: { type: 'array', items: ref('schemas', name) }, meta: { type: 'object', properties: { pagination: ref('schemas', 'Pagination') } } };
  const body = { required: true, content: json({ type: 'object', required: ['data'], properties: { data: ref('schemas', `${name}Input`) } }) };
  const localeParam = [ref('parameters', 'locale')];

  if (method === 'get' && !isItem && !single) {
    return {
      tags,
      operationId: `find${name}`,
      summary: `List published ${model.pluralName}`,
      parameters: READ_PARAMETERS.map((param) => ref('parameters', param)),
      responses: { '200': { description: 'A page of entries', headers: CACHE_HEADERS, content: json({ type: 'object', properties: list }) }, '304': ref('responses', 'NotModified'), ...errorResponses(400, 401, 403) },
    };
  }
  if (method === 'get') {
    return {
      tags,
      operationId: single ? `get${name}` : `findOne${name}`,
      summary: single ? `The published ${model.displayName}` : `One published ${model.singularName} by documentId`,
      parameters: ONE_PARAMETERS.map((param) => ref('parameters', param)),
      responses: { '200': { description: 'The entry', headers: CACHE_HEADERS, content: json({ type: 'object', properties: one }) }, '304': ref('responses', 'NotModified'), ...errorResponses(400, 401, 403, 404) },
    };
  }
  if (method === 'post') {
    return { tags, operationId: `create${name}`, summary: `Create a ${model.singularName} (token with write access)`, parameters: localeParam, requestBody: body, security: [{ bearerAuth: [] }], responses: { '201': { description: 'Created', content: json({ type: 'object', properties: one }) }, ...errorResponses(400, 401, 403) } };
  }
  if (method === 'put') {
    return { tags, operationId: `update${name}`, summary: `Update ${single ? 'the' : 'a'} ${model.singularName} (token with write access)`, parameters: localeParam, requestBody: body, security: [{ bearerAuth: [] }], responses: { '200': { description: 'Updated', content: json({ type: 'object', properties: one }) }, ...errorResponses(400, 401, 403, 404) } };
  }
  if (method === 'delete') {
    return { tags, operationId: `delete${name}`, summary: `Delete ${single ? 'the' : 'a'} ${model.singularName} (token with write access)`, parameters: localeParam, security: [{ bearerAuth: [] }], responses: { '204': { description: 'Deleted' }, '200': { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404) } };
  }
  return undefined;
};

const genericOperation = (route: RouteInfo, prefix: string): Operation => {
  const segment = route.path.slice(prefix.length).split('/').filter(Boolean)[0] ?? 'api';
  return {
    tags: [segment],
    operationId: `${route.method.toLowerCase()}${openApiPath(route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary: `${route.method} ${route.path} (Strapi plugin route; closed to the public unless stated)`,
    security: [{ bearerAuth: [] }],
    responses: { '200': { description: 'Success', content: json({}) }, ...errorResponses(400, 401, 403, 404) },
  };
};

export const buildOpenApiDocument = (input: OpenApiInput) => {
  const modelNames = new Map<string, string>(input.contentTypes.map((model) => [model.uid, schemaName(model.uid)]));
  const schemas: Record<string, any> = {};
  for (const model of input.contentTypes) {
    schemas[schemaName(model.uid)] = modelSchema(model, modelNames, input.locales);
    schemas[`${schemaName(model.uid)}Input`] = modelInputSchema(model, modelNames);
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
    const operation = custom ?? (model ? contentTypeOperation(model, route, input.prefix)! : genericOperation(route, input.prefix));
    const parameters = [...pathParameters(path), ...(operation.parameters ?? [])];
    paths[path] = { ...paths[path], [method]: { ...operation, ...(parameters.length ? { parameters } : {}) } };
  }

  return {
    openapi: '3.0.3',
    info: {
      title: input.title,
      version: input.version,
      description:
        'Public read API of the Partner Cities CMS: published content only, in the locales ' +
        `${input.locales.join(', ')} (default ${input.defaultLocale}). Every GET answers with an ETag and ` +
        'Cache-Control; send If-None-Match to get 304 Not Modified. Writes need an API token with write access.',
    },
    servers: [{ url: input.serverUrl }],
    tags: input.contentTypes.map((model) => ({ name: model.displayName, description: model.description })),
    paths,
    components: {
      schemas,
      parameters: queryParameters(input),
      responses: {
        NotModified: { description: 'Not Modified: the ETag sent in If-None-Match is still current.' },
        ...Object.fromEntries(
          [
            [400, 'Bad request: an unknown locale or parameter, a draft asked for, populate too deep, or invalid data'],
            [401, 'Missing or invalid credentials'],
            [403, 'Not allowed for these credentials'],
            [404, 'No such document'],
          ].map(([code, description]) => [`Error${code}`, { description, content: json(ref('schemas', 'Error')) }]),
        ),
      },
      headers: {
        ETag: { description: 'Strong validator of the body; send it back in If-None-Match.', schema: { type: 'string' } },
        CacheControl: { description: '`public, max-age=…, stale-while-revalidate=…` for public reads.', schema: { type: 'string' } },
      },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token: `Authorization: Bearer <token>`. Reads need none.' },
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
  Pagination: {
    type: 'object',
    properties: { page: { type: 'integer' }, pageSize: { type: 'integer' }, pageCount: { type: 'integer' }, total: { type: 'integer' }, start: { type: 'integer' }, limit: { type: 'integer' } },
  },
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      data: { nullable: true },
      error: {
        type: 'object',
        required: ['status', 'name', 'message'],
        properties: { status: { type: 'integer' }, name: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } },
      },
    },
  },
  Block: { type: 'object', required: ['type'], properties: { type: { type: 'string' }, children: { type: 'array', items: { type: 'object' } } }, additionalProperties: true },
  Media: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      documentId: { type: 'string' },
      name: { type: 'string' },
      alternativeText: { type: 'string', nullable: true },
      caption: { type: 'string', nullable: true },
      width: { type: 'integer', nullable: true },
      height: { type: 'integer', nullable: true },
      mime: { type: 'string' },
      url: { type: 'string' },
      formats: { type: 'object', nullable: true, additionalProperties: true },
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
