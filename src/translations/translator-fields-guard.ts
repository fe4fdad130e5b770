import type { Core } from '@strapi/strapi';
import { isCouncilContentType } from '../domain/content-types';
import { refuseSharedFieldChanges, sharedFieldChanges, translatorLocalesOf } from './translator-rules';
import { contentTypeOf, queryOf } from '../database/models';

/**
 * On Content Manager writes, refuses (403) a translator's change to a field every locale shares.
 * Strapi's RBAC would silently drop such fields from the body and answer 200, so the translator
 * would believe the change was saved. Added to the Content Manager's routes by
 * src/extensions/content-manager/strapi-server.ts, after authentication.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: any, next: () => Promise<unknown>) => {
    const uid: string | undefined = ctx.params?.model;
    const body = ctx.request.body;
    if (uid && isCouncilContentType(uid) && body && typeof body === 'object' && (await translatorLocalesOf(strapi, ctx.state.user))) {
      // A collection type without :id is a new document: the Document Service guard refuses that.
      const documentId: string | undefined =
        ctx.params.id ??
        (contentTypeOf(strapi, uid).kind === 'singleType'
          ? (await queryOf(strapi, uid).findOne({ where: {}, select: ['documentId'] }))?.documentId
          : undefined);
      if (documentId) refuseSharedFieldChanges(await sharedFieldChanges(strapi, uid, documentId, body));
    }
    await next();
  };
