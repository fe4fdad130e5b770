import type { Core } from '@strapi/strapi';
import { responseCache } from '../http-cache';
import type { DocumentMiddleware } from './context';

const CHANGES = ['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone'];

/**
 * Empties the response cache after every content change of any type, from the admin panel, the
 * REST API or code. Registered outermost so it runs once the write's transaction has committed:
 * clearing earlier would let a request re-cache the old content in between.
 */
export const cacheInvalidation =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!CHANGES.includes(context.action)) return next();
    try {
      return await next();
    } finally {
      responseCache(strapi).clear(`${context.action} ${context.uid}`);
    }
  };

/**
 * What the public sees also changes with media files (alt text, formats), Public role
 * permissions and locales, which are written outside the Document Service.
 */
export const clearCacheOnNonDocumentChanges = (strapi: Core.Strapi) => {
  const clear = () => responseCache(strapi).clear('media, permission or locale changed');
  strapi.db.lifecycles.subscribe({
    models: ['plugin::upload.file', 'plugin::users-permissions.permission', 'plugin::i18n.locale'],
    afterCreate: clear,
    afterCreateMany: clear,
    afterUpdate: clear,
    afterUpdateMany: clear,
    afterDelete: clear,
    afterDeleteMany: clear,
  });
};
