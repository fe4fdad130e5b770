import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFile } from 'child_process';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import sharp from 'sharp';
import { cityInput } from '../helpers/builders';
import { createApiToken, withToken } from '../helpers/callers';
import { useApp } from '../helpers/strapi';
import { APP_DIR } from '../setup/env';
import { SUPPORTED_LOCALE_CODES } from '../../src/locales/locales';

/**
 * The OpenAPI document tells the truth: Redocly's recommended rules find no error in it; it lists
 * exactly the routes an anonymous caller may call; and every answer of every documented path, in
 * every locale, with and without populate, fields and fallbackLocale, validates against the schema
 * the document gives for it, with undocumented properties counted as failures.
 */
type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> } | { $ref: string }> };
type OpenApi = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, any>; responses: Record<string, any> } };

const pointer = (...segments: string[]) => segments.map((segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

describe('the OpenAPI document tells the truth', () => {
  const app = useApp();
  let document: OpenApi;
  let ajv: Ajv2020;

  beforeAll(async () => {
    document = (await app().http().get('/api/openapi.json')).body;
    // A city with an image, so the media shape is checked too (the seed has none).
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 10, g: 120, b: 90 } } }).png().toBuffer();
    const file = path.join(os.tmpdir(), `pcms-openapi-${process.pid}.png`);
    fs.writeFileSync(file, png);
    const [image] = await app()
      .strapi.plugin('upload')
      .service('upload')
      .upload({ data: { fileInfo: { name: 'river.png', alternativeText: 'The river Aire' } }, files: { filepath: file, originalFilename: 'river.png', mimetype: 'image/png', size: png.length } });
    fs.rmSync(file, { force: true });
    await app().strapi.documents('api::city.city').create({ locale: 'en', status: 'published', data: cityInput({ image: image.id, population: null, website: null }) as any });

    // Strict about properties: every model schema refuses what it does not list.
    const strict = structuredClone(document) as any;
    for (const schema of Object.values<any>(strict.components.schemas)) if (schema.type === 'object' && schema.properties && !('additionalProperties' in schema)) schema.additionalProperties = false;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...strict, $id: 'openapi' });
  });

  /** The schema the document gives for `status` of GET `template`, and the media type. */
  const responseSchema = (template: string, status: string, mediaType: string) => {
    const documented: any = document.paths[template].get.responses[status];
    expect({ template, status, documented: documented !== undefined }).toEqual({ template, status, documented: true });
    const named = documented.$ref?.split('/').pop();
    const response = named ? document.components.responses[named] : documented;
    expect({ template, status, mediaType, has: Boolean(response.content?.[mediaType]) }).toEqual({ template, status, mediaType, has: true });
    const location = named ? pointer('components', 'responses', named, 'content', mediaType, 'schema') : pointer('paths', template, 'get', 'responses', status, 'content', mediaType, 'schema');
    return ajv.getSchema(`openapi#/${location}`) ?? ajv.compile({ $ref: `openapi#/${location}` });
  };

  it('passes Redocly’s recommended rules without an error', async () => {
    const file = path.join(os.tmpdir(), `pcms-openapi-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify(document));
    const result = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile(path.join(APP_DIR, 'node_modules', '.bin', 'redocly'), ['lint', file, '--extends=recommended', '--format=json'], { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }, (error, stdout) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout }),
      ),
    );
    fs.rmSync(file, { force: true });
    const problems = (JSON.parse(result.output).problems as Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }>) ?? [];
    const errors = problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`);
    expect(errors).toEqual([]);
    expect(result.code).toBe(0);
  }, 60_000);

  it('lists exactly the content API routes an anonymous caller may call', async () => {
    const routes = app().strapi.service('api::api-docs.api-docs').contentApiRoutes() as Array<{ method: string; path: string }>;
    const someCity = (await app().http().get('/api/cities')).body.data[0].documentId;
    const verdicts: Array<{ route: string; documented: boolean; open: boolean }> = [];
    for (const { method, path: routePath } of routes) {
      const template = routePath.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, '{$1}');
      const concrete = routePath.replace(/:id\b/, someCity).replace(/:asset\b/, 'swagger-ui.css').replace(/:[A-Za-z0-9_]+(\([^)]*\))?/g, 'x');
      const response = await (app().http() as any)[method.toLowerCase()](concrete);
      verdicts.push({ route: `${method} ${routePath}`, documented: Boolean(document.paths[template]?.[method.toLowerCase()]), open: ![401, 403, 405].includes(response.status) });
    }
    expect(verdicts.filter((verdict) => verdict.documented !== verdict.open)).toEqual([]);
    expect(verdicts.filter((verdict) => verdict.open).length).toBeGreaterThanOrEqual(13);
  });

  it('every answer of every documented GET, in every locale and query variant, matches its schema', async () => {
    const token = await createApiToken(app(), 'read-only');
    const templates = Object.keys(document.paths).filter((template) => document.paths[template].get && !template.startsWith('/api/docs') && template !== '/api/openapi.json');
    let validated = 0;
    const failures: unknown[] = [];
    const check = async (template: string, url: string, headers: Record<string, string> = {}) => {
      const response = await app().http().get(url).set(headers);
      const mediaType = String(response.headers['content-type']).split(';')[0];
      const validate = responseSchema(template, String(response.status), mediaType);
      const body = mediaType === 'application/geo+json' ? JSON.parse(response.text) : response.body;
      if (!validate(body)) failures.push({ url, status: response.status, errors: validate.errors?.slice(0, 3) });
      validated += 1;
      return response;
    };

    for (const template of templates) {
      const isItem = template.endsWith('/{id}');
      const listPath = isItem ? template.slice(0, -'/{id}'.length) : template;
      for (const locale of SUPPORTED_LOCALE_CODES) {
        const paths = isItem ? ((await app().http().get(`${listPath}?locale=${locale}&fallbackLocale=en`)).body.data ?? []).slice(0, 3).map((entry: any) => `${listPath}/${entry.documentId}`) : [template];
        for (const concrete of paths) {
          const variants =
            template === '/api/locales'
              ? ['']
              : template === '/api/search'
                ? ['Leeds', 'jumelage', 'Brno', '杭州', 'Lile'].flatMap((q) => [`q=${encodeURIComponent(q)}&locale=${locale}`, `q=${encodeURIComponent(q)}&locale=${locale}&fallbackLocale=en&type=city,theme`])
                : [`locale=${locale}`, `locale=${locale}&populate=*`, `locale=${locale}&fallbackLocale=en`, `locale=${locale}&fallbackLocale=en&populate=*`];
          if (!template.endsWith('geojson') && !['/api/locales', '/api/search'].includes(template)) variants.push(`locale=${locale}&fields[0]=slug`, `locale=${locale}&populate[localizations]=true`);
          for (const query of variants) await check(template, `${concrete}?${query}`);
        }
      }
      // Two levels of populate, a read-only token, and the errors a client meets.
      if (template === '/api/partnerships') await check(template, `${template}?populate[city][populate][image]=true&populate[themes]=true&populate[projects]=true&populate[organisations]=true`);
      if (template === '/api/cities') await check(template, `${template}?populate[partnerships][populate][city]=true&populate[image]=true`, withToken(token));
      expect((await check(template, `${listPath}?locale=xx`)).status).toBe(400);
      if (isItem) expect((await check(template, `${listPath}/no-such-document`)).status).toBe(404);
    }
    expect(failures).toEqual([]);
    expect(validated).toBeGreaterThan(300);
    console.log(`[openapi] ${validated} responses validated against the document`);
  }, 180_000);
});
