/** Public multilingual search over published content (src/search/). */
export default {
  routes: [{ method: 'GET', path: '/search', handler: 'api::search.search.find', config: { auth: false } }],
};
