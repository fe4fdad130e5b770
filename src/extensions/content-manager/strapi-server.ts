/**
 * Adds the admin field guard (src/admin-routes/field-guard.ts) to every Content Manager route that writes a document, after
 * Strapi's authentication (route middlewares run after it; global ones before).
 */
const WRITES = /^\/(collection-types|single-types)\/:model/;

export default (plugin: any) => {
  for (const route of plugin.routes.admin.routes) {
    if (['POST', 'PUT'].includes(route.method) && WRITES.test(route.path)) {
      route.config = { ...route.config, middlewares: [...(route.config?.middlewares ?? []), 'global::admin-field-guard'] };
    }
  }
  return plugin;
};
