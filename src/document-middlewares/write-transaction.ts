import type { Core } from '@strapi/strapi';
import { CHANGE_ACTIONS, forCouncilTypes, type DocumentMiddleware } from './kit';

/**
 * Runs a write and everything the other middlewares do around it (locale sync, derived fields)
 * in one database transaction, so a failure half-way leaves nothing behind. Strapi's own
 * per-method transactions join this one.
 */
export const writeTransaction = (strapi: Core.Strapi): DocumentMiddleware => forCouncilTypes(CHANGE_ACTIONS, (_context, next) => strapi.db.transaction(() => next()));
