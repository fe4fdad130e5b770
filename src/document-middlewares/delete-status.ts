import { errors } from '@strapi/utils';
import type { DocumentMiddleware } from './kit';

export const DELETE_DRAFT_MESSAGE =
  'status: delete removes a document version with its draft and published states; status=draft cannot be deleted on its own (discard the draft instead)';

/**
 * The Document Service throws a plain Error for `delete` with `status: 'draft'` on draft & publish
 * types, which every caller (REST `DELETE …?status=draft`, code) saw as a 500. Found by
 * tests/api/fuzz-writes.test.ts; refused here as a 400 that says why, before anything is written.
 */
export const deleteStatusGuard = (): DocumentMiddleware => async (context, next) => {
  if (context.action === 'delete' && context.params?.status === 'draft') {
    throw new errors.ValidationError(DELETE_DRAFT_MESSAGE, { errors: [{ path: ['status'], message: DELETE_DRAFT_MESSAGE, name: 'ValidationError' }] });
  }
  return next();
};
