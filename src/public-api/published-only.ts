import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { READ_ACTIONS, type DocumentMiddleware } from '../document-middlewares/kit';
import { isCouncilContentType } from '../domain/content-types';
import { contentApiRoute } from './content-api-request';
import { publicReadProblem, type ModelLookup } from './query-rules';
import { modelOf } from '../database/models';

/**
 * Every read made for a content API request (REST, whatever the spelling of its path, any token)
 * is of published content, and its filters, sort, fields and populate stay within what the public
 * may read. Enforced in the Document Service, below every route and controller, so no path, query
 * parameter or custom controller gets around it; admin requests (the Content Manager) are not
 * content API requests and keep their drafts. Strapi itself serves drafts to anyone who asks with
 * `?status=draft` (#25326).
 */
export const contentApiReads =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!READ_ACTIONS.includes(context.action) || !contentApiRoute(strapi)) return next();
    const getModel: ModelLookup = (uid) => modelOf(strapi, uid) as ReturnType<ModelLookup>;
    if (isCouncilContentType(context.uid)) {
      const problem = publicReadProblem(context.params ?? {}, context.contentType, getModel);
      if (problem) {
        throw new errors.ValidationError(problem.message, { errors: [{ path: [problem.param], message: problem.message, name: 'ValidationError' }] });
      }
    }
    if (context.contentType.options?.draftAndPublish) {
      if (context.params?.status !== undefined && context.params.status !== 'published') {
        throw new errors.ValidationError(`status: only published content is available on this API (got ${JSON.stringify(context.params.status)})`);
      }
      context.params = { ...context.params, status: 'published' };
    }
    return next();
  };
