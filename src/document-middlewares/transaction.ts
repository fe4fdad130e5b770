import type { Core } from '@strapi/strapi';
import { isCouncilContentType } from '../domain/content-types';
import type { DocumentMiddleware } from './context';

const WRITES = ['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone'];

/**
 * Runs a write and everything the other middlewares do around it (locale sync, derived fields)
 * in one database transaction, so a failure half-way leaves nothing behind. Strapi's own
 * per-method transactions join this one.
 */
export const writeTransaction =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!isCouncilContentType(context.uid) || !WRITES.includes(context.action)) return next();
    return strapi.db.transaction(() => next());
  };
