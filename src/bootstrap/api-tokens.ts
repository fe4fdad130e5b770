import type { Core } from '@strapi/strapi';

/**
 * Strapi creates a "Full Access" token on a new database: a write-everything key nobody asked
 * for, readable in the admin panel. It is revoked at every start.
 */
export const revokeDefaultFullAccessToken = async (strapi: Core.Strapi) => {
  const tokens: Array<{ id: number }> = await strapi.db
    .query('admin::api-token')
    .findMany({ where: { name: 'Full Access', type: 'full-access' }, select: ['id'] });
  for (const token of tokens) {
    await strapi.service('admin::api-token').revoke(token.id);
  }
};
