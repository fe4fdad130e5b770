import type { Core } from '@strapi/strapi';
import type { AdminRouter } from '../bootstrap/admin-routes';
import { AUDIT_LOG_UID } from './entries';
import { auditLogQuery } from './query';
import { AUDIT_LOG_FIELDS, auditLogEntryResponse } from './response';

/**
 * GET /audit-log (admin JWT; editors and super admins): the audit log, filtered and paginated.
 * There is no route that changes or deletes entries.
 */
export const auditLogRoutes = (strapi: Core.Strapi): AdminRouter => ({
  prefix: '/audit-log',
  routes: [
    {
      method: 'GET',
      path: '/',
      handler: async (ctx: any) => {
        const { where, page, pageSize } = auditLogQuery(ctx.query);
        const query = strapi.db.query(AUDIT_LOG_UID);
        const [entries, total] = await Promise.all([
          query.findMany({ where, select: AUDIT_LOG_FIELDS, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], offset: (page - 1) * pageSize, limit: pageSize }),
          query.count({ where }),
        ]);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { data: entries.map(auditLogEntryResponse), meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
      },
      config: { policies: ['admin::isAuthenticatedAdmin', { name: 'global::editor-or-super-admin', config: { to: 'read the audit log' } }] },
    },
  ],
});
