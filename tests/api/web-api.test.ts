import SwaggerParser from '@apidevtools/swagger-parser';
import { seeded } from '../helpers/builders';
import { useApp } from '../helpers/strapi';

/** What the council web team builds on: OpenAPI, its docs page and GeoJSON. */
describe('web team API', () => {
  const app = useApp();
  const get = (path: string) => app().http().get(path);

  describe('GET /api/openapi.json', () => {
    it('is a valid OpenAPI 3 document by a standard validator', async () => {
      const response = await get('/api/openapi.json');
      expect(response.status).toBe(200);
      expect(response.body.openapi).toMatch(/^3\./);
      const validated = await SwaggerParser.validate(structuredClone(response.body));
      expect(Object.keys(validated.paths ?? {}).length).toBeGreaterThan(10);
    });

    it('describes the query parameters, the response schemas, errors and the token scheme', async () => {
      const document = (await get('/api/openapi.json')).body;
      const list = document.paths['/api/partnerships'].get;
      const parameterNames = list.parameters.map((p: any) => document.components.parameters[p.$ref.split('/').pop()].name);
      expect(parameterNames).toEqual(expect.arrayContaining(['locale', 'fallbackLocale', 'populate', 'filters', 'sort', 'fields', 'pagination[page]', 'pagination[pageSize]']));
      expect(document.components.parameters.locale.schema.enum).toEqual(['en', 'fr', 'de', 'cs', 'zh-Hans']);
      expect(document.components.parameters.fallbackLocale.schema.enum).toEqual(['en', 'fr', 'de', 'cs', 'zh-Hans']);
      expect(list.responses).toHaveProperty('400');
      expect(list.responses).toHaveProperty('304');
      expect(document.components.schemas.Partnership.properties).toMatchObject({
        startYear: { type: 'integer', minimum: 1900 }, // required
        endYear: { type: ['integer', 'null'] },
        dateNote: { type: ['string', 'null'] },
        kind: { type: 'string', enum: ['twinning', 'partner-city', 'friendship'] },
        city: expect.anything(),
        organisations: { type: 'array', items: { $ref: '#/components/schemas/SharedOrganisation' } },
      });
      expect(document.components.schemas.City.properties.countryCode).toMatchObject({ type: 'string', pattern: '^[A-Z]{2}$' });
      expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
      // Reads: no credentials, or a read-only token. Writes are not the public's, so not documented.
      expect(list.security).toEqual([{}, { bearerAuth: [] }]);
      expect(document.paths['/api/cities'].post).toBeUndefined();
      expect(document.info.license).toEqual({ name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' });
      expect(document.info.contact.url).toMatch(/^https:\/\/www\.leeds\.gov\.uk\//);
      expect(document.paths['/api/cities/geojson'].get.responses['200'].content).toHaveProperty('application/geo+json');
    });
  });

  describe('GET /api/docs', () => {
    it('renders the document from installed files only (no CDN)', async () => {
      const page = await get('/api/docs');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, url]) => url);
      expect(sources.length).toBeGreaterThanOrEqual(3);
      for (const source of sources) {
        expect(source.startsWith('/api/docs/')).toBe(true);
        const asset = await get(source);
        expect(asset.status).toBe(200);
        expect(asset.body.length ?? asset.text.length).toBeGreaterThan(0);
      }
      expect((await get('/api/docs/init.js')).text).toContain('/api/openapi.json');
      expect((await get('/api/docs/package.json')).status).toBe(404);
    });
  });

  describe('GET /api/cities/geojson', () => {
    it('is an RFC 7946 FeatureCollection of the published cities, [longitude, latitude]', async () => {
      const response = await get('/api/cities/geojson?locale=de');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
      const { type, features } = response.body;
      expect(type).toBe('FeatureCollection');
      expect(features).toHaveLength(6);
      const durban = features.find((feature: any) => feature.properties.slug === 'durban');
      expect(durban.geometry).toEqual({ type: 'Point', coordinates: [31.0218, -29.8587] });
      expect(durban.properties).toMatchObject({ name: 'Durban', countryCode: 'ZA', country: 'Südafrika', startYear: 1998, locale: 'de' });
      expect(durban.properties.documentId).toBe(await seeded(app(), 'api::city.city', 'durban'));
      const again = await get('/api/cities/geojson?locale=de');
      expect(again.headers['x-cache']).toBe('HIT');
      expect(again.headers.etag).toBe(response.headers.etag);
    });

    it('leaves out drafts, falls back to another locale when asked, and refuses bad input', async () => {
      const draftOnly = await app().strapi.documents('api::city.city').create({ locale: 'en', data: { name: 'Draft Town', countryCode: 'GB', latitude: 53.8, longitude: -1.5 } as any });
      const english = await get('/api/cities/geojson');
      expect(english.body.features.map((f: any) => f.id)).not.toContain(draftOnly.documentId);

      const published = await app().strapi.documents('api::city.city').create({ locale: 'en', status: 'published', data: { name: 'English Only', countryCode: 'GB', latitude: 54, longitude: -2 } as any });
      const french = await get('/api/cities/geojson?locale=fr');
      expect(french.body.features.map((f: any) => f.id)).not.toContain(published.documentId);
      const withFallback = await get('/api/cities/geojson?locale=fr&fallbackLocale=en');
      const fallback = withFallback.body.features.find((f: any) => f.id === published.documentId);
      expect(fallback.properties).toMatchObject({ locale: 'en', name: 'English Only' });
      expect(withFallback.body.features).toHaveLength(7);

      expect((await get('/api/cities/geojson?locale=xx')).status).toBe(400);
      expect((await get('/api/cities/geojson?status=draft')).status).toBe(400);
      expect((await get('/api/cities/geojson?populate=*')).status).toBe(400);
    });
  });
});
