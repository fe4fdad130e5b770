import type { Core } from '@strapi/strapi';
import { conflictOf } from '../database/document-constraints';
import { CHANGE_ACTIONS, forCouncilTypes, type DocumentMiddleware } from './kit';

/**
 * Outermost on writes: a save that the database refused because another one created the same
 * locale version or took the same slug at the same moment answers 409 saying what clashed, not 500.
 * (The whole write, in its transaction, is rolled back by then.)
 */
export const uniqueConflicts = (strapi: Core.Strapi): DocumentMiddleware =>
  forCouncilTypes(CHANGE_ACTIONS, async (_context, next) => {
    try {
      return await next();
    } catch (error) {
      throw conflictOf(strapi, error) ?? error;
    }
  });
