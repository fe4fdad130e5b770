import type { Core } from '@strapi/strapi';
import { CHANGE_ACTIONS, forCouncilTypes, type DocumentMiddleware } from '../document-middlewares/kit';
import { reindexDocument } from './index-store';

/**
 * Keeps the search index in step with every write path (Content Manager, REST, XLIFF import,
 * seed, code): after a change, the document's published versions are indexed again, inside the
 * write's transaction, so a search never finds what is not published, nor misses what is.
 */
export const searchIndexing = (strapi: Core.Strapi): DocumentMiddleware =>
  forCouncilTypes(CHANGE_ACTIONS, async (context, next) => {
    const result = await next();
    const created = context.action === 'create' || context.action === 'clone';
    const documentId = created ? result?.documentId : (context.params.documentId ?? result?.documentId);
    if (typeof documentId === 'string') await reindexDocument(strapi, context.uid, documentId);
    return result;
  });
