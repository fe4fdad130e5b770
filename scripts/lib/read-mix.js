// @ts-check
'use strict';
/**
 * The public read mix `npm run soak` and `npm run storm` load the app with: weighted requests a
 * council's sites would send, most of them repeated (the cache answers them after the first).
 */

/** @param {number} max */
const randomInt = (max) => 1 + Math.floor(Math.random() * max);

/**
 * The mix. Cached: repeated reads the response cache answers after the first. Revalidation: the
 * same with If-None-Match (304). Uncached: a filter value drawn from 100,000, so practically every
 * request has a query string the cache has not seen, goes through the whole middleware chain and
 * the database, and pushes an entry into the (full) LRU.
 */
/** @typedef {{ weight: number, label: string, path: () => string, headers?: Record<string, string> }} MixEntry */
/**
 * @param {{ cityId: string, etag: string }} sample
 * @returns {MixEntry[]}
 */
const mixFor = ({ cityId, etag }) => [
  { weight: 10, label: 'cached: cities in French', path: () => '/api/cities?locale=fr' },
  { weight: 10, label: 'cached: partnerships in German with city and themes', path: () => '/api/partnerships?locale=de&populate[city]=true&populate[themes]=true&sort=startYear:asc' },
  { weight: 8, label: 'cached: projects in Czech, page 1 of 25', path: () => '/api/projects?locale=cs&pagination[pageSize]=25' },
  { weight: 6, label: 'cached: themes in Chinese', path: () => '/api/themes?locale=zh-Hans' },
  { weight: 6, label: 'cached: the landing page with its partnerships', path: () => '/api/international-relations-page?locale=en&populate=partnerships' },
  { weight: 6, label: 'cached: GeoJSON of the cities', path: () => '/api/cities/geojson?locale=fr' },
  { weight: 6, label: 'cached: one city in German', path: () => `/api/cities/${cityId}?locale=de` },
  { weight: 4, label: 'cached: projects in Czech with English fallback and themes', path: () => '/api/projects?locale=cs&fallbackLocale=en&populate=themes' },
  { weight: 8, label: 'revalidation: cities in French with If-None-Match (304)', path: () => '/api/cities?locale=fr', headers: { 'if-none-match': etag } },
  { weight: 8, label: 'uncached: projects with themes, `filters[id][$ne]=<random>`', path: () => `/api/projects?locale=fr&populate[themes]=true&filters[id][$ne]=${randomInt(100_000)}` },
  { weight: 8, label: 'uncached: cities, `filters[population][$gt]=<random>`', path: () => `/api/cities?locale=de&filters[population][$gt]=${randomInt(100_000)}` },
  { weight: 4, label: 'uncached: partnerships with city, `filters[startYear][$gte]=<random year>`', path: () => `/api/partnerships?locale=en&populate=city&filters[startYear][$gte]=${1900 + randomInt(125)}&pagination[pageSize]=${randomInt(100)}` },
];


module.exports = { mixFor };
