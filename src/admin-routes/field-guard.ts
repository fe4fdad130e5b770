import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isCouncilContentType } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import { contentTypeOf, queryOf } from '../database/models';
import { contentPermission } from './access';
import { adminCaller, forbiddenFieldChanges, refuseFieldChanges } from './document-guard';

/**
 * On Content Manager writes, refuses (403) a change to a field the role may not write in that
 * locale (shared fields, relations). Strapi's RBAC would silently drop such fields from the body
 * and answer 200, so the translator would believe the change was saved; by the time the Document
 * Service guard runs they are gone, so this reads the raw body. Added to the Content Manager's
 * routes by src/extensions/content-manager/strapi-server.ts, after authentication.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: any, next: () => Promise<unknown>) => {
    const uid: string | undefined = ctx.params?.model;
    const body = ctx.request.body;
    const caller = uid && isCouncilContentType(uid) && body && typeof body === 'object' ? adminCaller(strapi) : undefined;
    if (uid && caller) {
      // A collection type without :id is a new document: the Document Service guard decides that.
      const documentId: string | undefined =
        ctx.params.id ??
        (contentTypeOf(strapi, uid).kind === 'singleType'
          ? (await queryOf(strapi, uid).findOne({ where: {}, select: ['documentId'] }))?.documentId
          : undefined);
      // The locale the Content Manager will write: its update reads the body's, other actions the query's; when both are given they must agree.
      const [inQuery, inBody] = [ctx.query.locale, body.locale];
      if (inQuery !== undefined && inBody !== undefined && inQuery !== inBody) throw new errors.ValidationError(`locale: the query says ${JSON.stringify(inQuery)} but the body says ${JSON.stringify(inBody)}; give it once`, { code: 'input-mismatch', field: 'locale' });
      const locale = String(inBody ?? inQuery ?? DEFAULT_LOCALE);
      if (documentId) {
        const target = { uid, documentId, locale };
        refuseFieldChanges(await forbiddenFieldChanges(strapi, contentPermission(strapi, caller.ability), target, body), target);
      }
    }
    await next();
  };
