import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CHANGE_ACTIONS, forCouncilTypes, type DocumentMiddleware } from '../document-middlewares/kit';
import { knownLocaleCodes } from '../locales/known-locales';
import { DEFAULT_LOCALE } from '../locales/locales';
import { sharedFieldChanges } from './shared-field-changes';
import { contentPermission, refusalError, type AccessTarget, type ContentAction, type ContentPermission, type UserAbility } from './access';

type AdminRequest = { state?: { auth?: { strategy?: { name?: string } }; userAbility?: UserAbility } };

/** Strategies of the admin API: a signed-in admin, or an admin API token (its own, possibly narrower, ability). */
const ADMIN_STRATEGIES = ['admin', 'admin-token'];

/**
 * The admin a Document Service call runs for, with the ability Strapi computed for the request.
 * Super admins are checked too: their ability allows everything, and an admin token of theirs
 * carries only what the token was given.
 */
export const adminCaller = (strapi: Core.Strapi): { ability: UserAbility } | undefined => {
  const request = strapi.requestContext.get() as AdminRequest | undefined;
  const state = request?.state;
  if (!ADMIN_STRATEGIES.includes(state?.auth?.strategy?.name ?? '') || !state?.userAbility) return undefined;
  return { ability: state.userAbility };
};

const localesOf = async (strapi: Core.Strapi, locale: unknown): Promise<string[]> =>
  locale === '*' ? knownLocaleCodes(strapi) : [locale ?? DEFAULT_LOCALE].flat().map(String);

/**
 * Changed fields the role may not write in that locale version: shared fields (every locale's) and
 * relations, which the Content Manager would otherwise drop from the body silently (answering 200,
 * so the caller believes the change saved) or which the Document Service would write unasked.
 */
export const forbiddenFieldChanges = async (strapi: Core.Strapi, permission: ContentPermission, target: AccessTarget, data: Record<string, unknown>) => {
  const changed = await sharedFieldChanges(strapi, target.uid, target.documentId, data);
  const forbidden: string[] = [];
  for (const field of changed) if (!(await permission.may('update', target, field))) forbidden.push(field);
  return forbidden;
};

export const refuseFieldChanges = (fields: string[], target: AccessTarget) => {
  if (fields.length > 0) {
    throw new errors.PolicyError(`Your role may not change ${fields.join(', ')} in the ${target.locale} version: shared by every locale or linked from English, an editor with that right changes them`, {
      code: 'fields-forbidden',
      locale: target.locale,
      fields,
    });
  }
};

/**
 * Holds every admin caller of the Document Service to their Content Manager permissions, checked
 * for each locale the call touches, on every path: Content Manager routes and bulk actions, and
 * this project's own routes. Stock Strapi lets a role limited to some locales create other
 * locales' versions and new documents in them (#21239, #21294). Decided by Strapi's permission
 * checker (the locale, the document's creator, the fields), never by role name:
 * - a new document needs the right to create it in English too (a document starts there);
 * - writing a locale version that does not exist yet is creating it;
 * - changed shared fields and relations need the right to update those fields.
 */
export const adminPermissionGuard = (strapi: Core.Strapi): DocumentMiddleware =>
  forCouncilTypes(CHANGE_ACTIONS, async (context, next) => {
    const caller = adminCaller(strapi);
    if (!caller) return next();
    const permission = contentPermission(strapi, caller.ability);
    const { action, params, uid } = context;
    const documentId = typeof params.documentId === 'string' ? params.documentId : undefined;
    const locales = await localesOf(strapi, params.locale);
    const refused: Array<{ target: AccessTarget; missing: ContentAction[] }> = [];
    const need = async (needed: ContentAction, target: AccessTarget) => {
      if (!(await permission.may(needed, target))) refused.push({ target, missing: [needed] });
    };
    for (const locale of locales) {
      const target = { uid, locale, ...(documentId && { documentId }) };
      if (action === 'create' || action === 'clone') {
        await need('create', target);
        if (locale !== DEFAULT_LOCALE) await need('create', { uid, locale: DEFAULT_LOCALE });
      } else if (action === 'update') await need((await permission.versionExists(target)) ? 'update' : 'create', target);
      else if (action === 'delete') await need('delete', target);
      else if (action === 'publish' || action === 'unpublish') await need('publish', target);
      else if (action === 'discardDraft') await need('update', target);
    }
    if (refused.length > 0) throw refusalError(refused);
    if (action === 'update' && documentId && locales.length === 1) {
      const target = { uid, documentId, locale: locales[0] };
      refuseFieldChanges(await forbiddenFieldChanges(strapi, permission, target, params.data ?? {}), target);
    }
    return next();
  });
