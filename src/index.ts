import type { Core } from '@strapi/strapi';
import { guardAdminSignIn } from './admin-sign-in';
import { stopAuditLogRetention } from './audit/retention';
import { stopHistory } from './history/retention';
import { auditLogRoutes } from './audit/routes';
import { registerAdminRoutes } from './admin-routes';
import { registerPagePermissions } from './bootstrap/admin-permissions';
import { bootstrapApp } from './bootstrap';
import { assertProductionSecrets } from './bootstrap/production-secrets';
import { registerDocumentMiddlewares } from './document-middlewares';
import { declareFallbackLocaleParam } from './locales/fallback-locale';
import { installGracefulShutdown } from './health/graceful-shutdown';
import { registerReadinessRoute } from './health/readiness';
import { stopCrossInstanceInvalidation } from './http-cache';
import { guardContentApiQueries } from './public-api/query-guard';
import { translationRoutes } from './translations/routes';
import { historyRoutes } from './history/routes';
import { schedulingRoutes } from './scheduling/routes';
import { previewRoutes } from './preview/preview-content';
import { stopScheduler } from './scheduling/runner';
import { stopXliffParser } from './translations/xliff-parser';
import { releaseStartupLock, takeStartupLock } from './database/startup-lock';
import { ensureDocumentConstraints } from './database/document-constraints';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    // First, so production with unsafe secrets stops before it connects or serves anything.
    assertProductionSecrets();
    // Taken just before Strapi's schema sync and held until bootstrap ends: sync, constraints, seed
    // and the rest run one instance at a time. (Not here: commands such as typegen load register()
    // with no database to connect to.)
    strapi.hook('strapi::content-types.beforeSync').register(() => takeStartupLock(strapi));
    // Right after Strapi creates or alters its tables, before anything writes.
    strapi.hook('strapi::content-types.afterSync').register(() => ensureDocumentConstraints(strapi));
    registerDocumentMiddlewares(strapi);
    guardContentApiQueries(strapi);
    guardAdminSignIn(strapi);
    declareFallbackLocaleParam(strapi);
    registerAdminRoutes(strapi, [translationRoutes(strapi), auditLogRoutes(strapi), historyRoutes(strapi), schedulingRoutes(strapi), previewRoutes(strapi)]);
    await registerPagePermissions(strapi);
    registerReadinessRoute(strapi);
    installGracefulShutdown(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    try {
      await bootstrapApp(strapi);
    } finally {
      await releaseStartupLock(strapi);
    }
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await releaseStartupLock(strapi);
    stopAuditLogRetention(strapi);
    stopHistory(strapi);
    await stopScheduler(strapi);
    await stopXliffParser();
    await stopCrossInstanceInvalidation(strapi);
  },
};
