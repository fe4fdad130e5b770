import type { Core } from '@strapi/strapi';
import { afterCommit } from '../database/after-commit';
import { responseCache } from '.';
import { CHANGE_ACTIONS, type DocumentMiddleware } from '../document-middlewares/kit';
import { changeTags } from './tags';
import { typeName } from './models';

/**
 * Invalidates the cached responses a content change may have altered (its document, its type's
 * lists, whatever populates its type: src/http-cache/tags.ts) once the change has committed,
 * whether it came from the admin panel, the REST API or code. After COMMIT, not before: the
 * Content Manager runs each write in its own transaction, and a read between our invalidation
 * and its COMMIT would cache the old rows again, with nothing left to remove them.
 */
export const cacheInvalidation =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!CHANGE_ACTIONS.includes(context.action)) return next();
    let result: any;
    try {
      result = await next();
      return result;
    } finally {
      // A create or clone has its document id only once written; a failed one changed nothing it could name.
      const documentId = typeof context.params?.documentId === 'string' ? context.params.documentId : result?.documentId;
      const tags = changeTags(typeName(strapi, context.uid), documentId);
      await afterCommit(strapi, 'cache invalidation', () => responseCache(strapi).invalidate(tags, `${context.action} ${context.uid}`));
    }
  };

/**
 * What the public sees also changes with media files (alt text, formats), Public role
 * permissions and locales, which are written outside the Document Service: everything goes.
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
