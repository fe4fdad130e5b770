import type { Core } from '@strapi/strapi';
import { bootstrapApp } from './bootstrap';
import { registerDocumentMiddlewares } from './document-middlewares';
import { registerTranslationRoutes } from './translations/routes';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentMiddlewares(strapi);
    registerTranslationRoutes(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await bootstrapApp(strapi);
  },
};
