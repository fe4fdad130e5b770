import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isEditorOrSuperAdmin } from '../domain/roles';
import { AUDIT_LOG_UID } from './entries';
import { auditLogQuery } from './query';
import { AUDIT_LOG_FIELDS, auditLogEntryResponse } from './response';

/**
 * GET /audit-log (admin JWT; editors and super admins): the audit log, filtered and paginated.
 * There is no route that changes or deletes entries.
 */
export const registerAuditLogRoutes = (strapi: Core.Strapi) => {
  strapi.server.routes({
    type: 'admin',
    prefix: '/audit-log',
    routes: [
      {
        method: 'GET',
        path: '/',
        handler: async (ctx: any) => {
          if (!isEditorOrSuperAdmin((ctx.state.user?.roles ?? []).map((role: { code: string }) => role.code))) {
            throw new errors.PolicyError('Only editors and super admins may read the audit log');
          }
          const { where, page, pageSize } = auditLogQuery(ctx.query);
          const query = strapi.db.query(AUDIT_LOG_UID as any);
          const [entries, total] = await Promise.all([
            query.findMany({ where, select: AUDIT_LOG_FIELDS, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], offset: (page - 1) * pageSize, limit: pageSize }),
            query.count({ where }),
          ]);
          ctx.set('Cache-Control', 'no-store');
          ctx.body = { data: entries.map(auditLogEntryResponse), meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as any);
};
