import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::city.city', ({ strapi }) => ({
  /**
   * Published cities in `locale` with their published partnerships; with `fallbackLocale`, a
   * city (or partnership) without a published version in `locale` is taken in that one instead.
   */
  async citiesForMap(locale?: string, fallbackLocale?: string) {
    return strapi.documents('api::city.city').findMany({
      locale,
      ...(fallbackLocale ? { fallbackLocale } : {}),
      status: 'published',
      fields: ['name', 'slug', 'countryCode', 'country', 'latitude', 'longitude', 'locale'],
      populate: { partnerships: { fields: ['slug', 'title', 'startYear'] } },
      sort: 'name:asc',
    } as any);
  },
}));
