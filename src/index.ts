import type { Core } from '@strapi/strapi';
import { bootstrapApp } from './bootstrap';
import { registerDocumentMiddlewares } from './document-middlewares';
import { declareFallbackLocaleParam } from './document-middlewares/fallback-locale';
import { installGracefulShutdown } from './health/graceful-shutdown';
import { registerReadinessRoute } from './health/readiness';
import { stopCrossInstanceInvalidation } from './http-cache';
import { registerTranslationRoutes } from './translations/routes';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentMiddlewares(strapi);
    declareFallbackLocaleParam(strapi);
    registerTranslationRoutes(strapi);
    registerReadinessRoute(strapi);
    installGracefulShutdown(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await bootstrapApp(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await stopCrossInstanceInvalidation(strapi);
  },
};
