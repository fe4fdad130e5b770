/** API documentation, public: the OpenAPI document and a page rendering it. */
export default {
  routes: [
    { method: 'GET', path: '/openapi.json', handler: 'api::api-docs.api-docs.openapi', config: { auth: false } },
    { method: 'GET', path: '/docs', handler: 'api::api-docs.api-docs.page', config: { auth: false } },
    { method: 'GET', path: '/docs/:asset', handler: 'api::api-docs.api-docs.asset', config: { auth: false } },
  ],
};
