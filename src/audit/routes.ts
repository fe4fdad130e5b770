import type { Core } from '@strapi/strapi';
import { adminRoute, visibleEmail, type AdminRouter } from '../admin-routes';
import { AUDIT_LOG_READ } from '../bootstrap/admin-permissions';
import { AUDIT_LOG_UID } from './entries';
import { auditLogInput, auditLogWhere } from './query';
import { AUDIT_LOG_FIELDS, auditLogEntryResponse } from './response';

/**
 * GET /audit-log (admin JWT; the "Open the Audit log" permission): the audit log, filtered and
 * paginated; other admins' e-mail addresses only for those who may read admin users. There is no
 * route that changes or deletes entries.
 */
export const auditLogRoutes = (strapi: Core.Strapi): AdminRouter => ({
  prefix: '/audit-log',
  routes: [
    adminRoute({
      method: 'GET',
      path: '/',
      input: () => auditLogInput,
      access: { permission: AUDIT_LOG_READ },
      handler: async (ctx, input, grant) => {
        const where = auditLogWhere(input, { byEmail: grant.mayReadAdminUsers });
        const { page, pageSize } = input;
        const query = strapi.db.query(AUDIT_LOG_UID);
        const [entries, total] = await Promise.all([
          query.findMany({ where, select: AUDIT_LOG_FIELDS, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], offset: (page - 1) * pageSize, limit: pageSize }),
          query.count({ where }),
        ]);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = {
          data: entries.map((entry) => {
            const answer = auditLogEntryResponse(entry);
            return { ...answer, user: { ...answer.user, email: visibleEmail(grant, answer.user.email) } };
          }),
          meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
        };
      },
    }),
  ],
});
