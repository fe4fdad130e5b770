/** The public list of locales, for sites' language switchers (src/locales/public-locales.ts). */
export default {
  routes: [{ method: 'GET', path: '/locales', handler: 'api::locales.locales.find', config: { auth: false } }],
};
