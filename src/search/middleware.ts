import type { Core } from '@strapi/strapi';
import { CHANGE_ACTIONS, forCouncilTypes, type DocumentMiddleware } from '../document-middlewares/kit';
import { reindexDocument } from './index-store';

/** Actions that only write drafts: the index holds published versions, so they leave it as it is. */
const DRAFT_ONLY_ACTIONS = ['create', 'update', 'clone', 'discardDraft'];

/**
 * Keeps the search index in step with every write path (Content Manager, REST, XLIFF import,
 * seed, code): after a change to published versions, the document's published versions are
 * indexed again, inside the write's transaction, so a search never finds what is not published,
 * nor misses what is. A create or update with `status: 'published'` publishes inside the
 * Document Service (without a `publish` action), so it counts as a change to published versions.
 */
export const searchIndexing = (strapi: Core.Strapi): DocumentMiddleware =>
  forCouncilTypes(CHANGE_ACTIONS, async (context, next) => {
    const result = await next();
    if (DRAFT_ONLY_ACTIONS.includes(context.action) && context.params.status !== 'published') return result;
    const created = context.action === 'create' || context.action === 'clone';
    const documentId = created ? result?.documentId : (context.params.documentId ?? result?.documentId);
    if (typeof documentId === 'string') await reindexDocument(strapi, context.uid, documentId);
    return result;
  });
