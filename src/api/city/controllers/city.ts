import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { citiesToFeatureCollection, type CityForMap } from '../../../domain/geojson';
import { councilReads } from '../../../public-api/council-reads';

const GEOJSON_PARAMS = ['locale', 'fallbackLocale'];

export default factories.createCoreController('api::city.city', ({ strapi }) => ({
  ...councilReads(strapi, 'api::city.city'),
  /** GET /api/cities/geojson: published cities as a GeoJSON FeatureCollection for maps. */
  async geojson(ctx) {
    const unknown = Object.keys(ctx.query).filter((name) => !GEOJSON_PARAMS.includes(name));
    if (unknown.length > 0) throw new errors.ValidationError(`Invalid query parameter ${unknown.join(', ')}: the GeoJSON endpoint takes ${GEOJSON_PARAMS.join(' and ')}`);
    const { locale, fallbackLocale } = ctx.query as { locale?: string; fallbackLocale?: string };
    const cities = await strapi.service('api::city.city').citiesForMap(locale, fallbackLocale);
    ctx.body = citiesToFeatureCollection(cities as CityForMap[]);
    // After the body: Koa resets the type to JSON when an object is assigned.
    ctx.type = 'application/geo+json';
  },
}));
