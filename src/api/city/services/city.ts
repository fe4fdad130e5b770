import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::city.city', ({ strapi }) => ({
  /**
   * Published cities in `locale` with their published partnerships; with `fallbackLocale`, a
   * city that has no published version in `locale` is taken in that one instead.
   */
  async citiesForMap(locale?: string, fallbackLocale?: string) {
    const find = (inLocale?: string) =>
      strapi.documents('api::city.city').findMany({
        locale: inLocale,
        status: 'published',
        fields: ['name', 'slug', 'countryCode', 'country', 'latitude', 'longitude', 'locale'],
        populate: { partnerships: { fields: ['slug', 'title', 'startYear'] } },
        sort: 'name:asc',
      });
    const cities = await find(locale);
    if (!fallbackLocale) return cities;
    const present = new Set(cities.map((city) => city.documentId));
    const fallbacks = (await find(fallbackLocale)).filter((city) => !present.has(city.documentId));
    return [...cities, ...fallbacks];
  },
}));
