import type { Core } from '@strapi/strapi';
import { afterCommit } from '../database/after-commit';
import { responseCache } from '.';
import { CHANGE_ACTIONS, type DocumentMiddleware } from '../document-middlewares/kit';

/**
 * Empties the response cache once a content change of any type has committed, whether it came
 * from the admin panel, the REST API or code. After COMMIT, not before: the Content Manager runs
 * each write in its own transaction, and a read between our clear and its COMMIT would cache the
 * old rows again, with nothing left to remove them.
 */
export const cacheInvalidation =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!CHANGE_ACTIONS.includes(context.action)) return next();
    try {
      return await next();
    } finally {
      await afterCommit(strapi, 'cache invalidation', () => responseCache(strapi).clear(`${context.action} ${context.uid}`));
    }
  };

/**
 * What the public sees also changes with media files (alt text, formats), Public role
 * permissions and locales, which are written outside the Document Service.
 */
export const clearCacheOnNonDocumentChanges = (strapi: Core.Strapi) => {
  const clear = () => afterCommit(strapi, 'cache invalidation', () => responseCache(strapi).clear('media, permission or locale changed'));
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
