import type { Core } from '@strapi/strapi';
import { isRetryableConflict } from '../database/document-constraints';
import { CHANGE_ACTIONS, forCouncilTypes, type DocumentContext, type DocumentMiddleware } from './kit';

const ATTEMPTS = 3;

type Transaction = { (table: string): { select(column: string): { where(column: string, value: unknown): { orderBy(column: string): { forUpdate(): Promise<unknown> } } } } };

/**
 * Every row of the document, in every locale and state, locked in id order before anything is
 * written: two saves of one document then queue instead of each locking the rows the other needs
 * (an English save rewrites every locale's shared fields while a French save writes its own row:
 * "deadlock detected", half the time, before this).
 */
const lockDocumentRows = async (strapi: Core.Strapi, trx: Transaction, context: DocumentContext) => {
  const documentId = context.params?.documentId;
  if (strapi.db.dialect.client !== 'postgres' || typeof documentId !== 'string') return;
  await trx(strapi.db.metadata.get(context.uid).tableName).select('id').where('document_id', documentId).orderBy('id').forUpdate();
};

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));

/**
 * Runs a write and everything the other middlewares do around it (locale sync, derived fields)
 * in one database transaction, so a failure half-way leaves nothing behind. Strapi's own
 * per-method transactions join this one. Where this transaction is the outermost (REST, scripts,
 * scheduled actions), a deadlock or serialization failure that still happens is retried whole;
 * inside the Content Manager's own transaction it cannot be, and answers 409 (unique-conflicts).
 */
export const writeTransaction = (strapi: Core.Strapi): DocumentMiddleware =>
  forCouncilTypes(CHANGE_ACTIONS, async (context, next) => {
    const outermost = !strapi.db.inTransaction();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await strapi.db.transaction(async ({ trx }) => {
          await lockDocumentRows(strapi, trx as unknown as Transaction, context);
          return next();
        });
      } catch (error) {
        if (!outermost || attempt >= ATTEMPTS || !isRetryableConflict(error)) throw error;
        await pause(attempt);
      }
    }
  });
