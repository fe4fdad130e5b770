import type { AddressInfo } from 'net';
import qs from 'qs';
import { strapi as strapiClient } from '@strapi/client';
import { createApiToken } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

/** The examples of docs/web-developers.md, run against a listening app. */
describe('docs/web-developers.md examples for the web team', () => {
  const app = useApp();
  let baseURL: string;

  beforeAll(async () => {
    const server = app().strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    await new Promise((resolve) => app().strapi.server.httpServer.close(resolve));
  });

  it('plain fetch with qs', async () => {
    const query = qs.stringify(
      { locale: 'fr', populate: { city: { fields: ['name', 'countryCode'] }, themes: true }, filters: { startYear: { $lt: 1970 } }, sort: ['startYear:asc'] },
      { encodeValuesOnly: true },
    );
    const response = await fetch(`${baseURL}/partnerships?${query}`);
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: any[] };
    expect(data.map((p: any) => [p.city.name, p.startYear])).toEqual([
      ['Siegen', 1966],
      ['Lille', 1968],
      ['Dortmund', 1969],
    ]);

    const again = await fetch(`${baseURL}/partnerships?${query}`, { headers: { 'If-None-Match': response.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('the official @strapi/client SDK with a read-only token', async () => {
    const client = strapiClient({ baseURL, auth: await createApiToken(app(), 'read-only') });
    const cities = await client.collection('cities').find({ locale: 'zh-Hans', sort: 'slug', fields: ['name', 'slug'] });
    expect(cities.data.map((city: any) => city.name)).toContain('杭州');

    const hangzhou = cities.data.find((city: any) => city.slug === 'hangzhou')!;
    const one = await client.collection('cities').findOne(hangzhou.documentId, { locale: 'de', populate: ['partnerships'] });
    expect((one.data as any).partnerships[0]).toMatchObject({ slug: 'leeds-hangzhou', dateNote: '1988–89' });

    const page = await client.single('international-relations-page').find({ locale: 'cs', populate: ['partnerships'] });
    expect((page.data as any).partnerships).toHaveLength(6);
  });

  it('GeoJSON with fetch', async () => {
    const geojson = (await (await fetch(`${baseURL}/cities/geojson?locale=fr`)).json()) as { features: any[] };
    expect(geojson.features.find((feature: any) => feature.properties.slug === 'lille').geometry.coordinates).toEqual([3.0573, 50.6292]);
  });
});
