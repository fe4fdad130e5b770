import type { Core } from '@strapi/strapi';
import { refuseSharedFieldChanges, sharedFieldChanges, translatorLocalesOf, translatorRefusal } from './translator-rules';
import { CHANGE_ACTIONS, forCouncilTypes, type DocumentMiddleware } from '../document-middlewares/kit';

const requestedLocales = (locale: unknown): string[] | '*' => (locale === '*' ? '*' : [locale ?? ''].flat().map(String));

/**
 * Holds a translator to their own locale on every admin path, where Strapi's own check misses
 * some (#21239, #21294): they cannot create or delete documents, write another locale, change
 * fields shared by all locales or relink relations, or publish, unpublish or discard any locale
 * but their own. Runs in the Document Service, so it sits under every Content Manager route and
 * bulk action; src/middlewares/translator-fields-guard.ts sees the raw body before the Content
 * Manager drops fields the role may not write.
 */
export const translatorGuard = (strapi: Core.Strapi): DocumentMiddleware =>
  forCouncilTypes(CHANGE_ACTIONS, async (context, next) => {
    const request = strapi.requestContext.get() as { state?: { auth?: { strategy?: { name?: string } }; user?: { id: number; roles?: Array<{ code: string }> } } } | undefined;
    const allowed = await translatorLocalesOf(strapi, request?.state?.auth?.strategy?.name === 'admin' ? request.state.user : undefined);
    if (!allowed) return next();

    const { action, params } = context;
    if (action === 'create' || action === 'clone') throw translatorRefusal('cannot create documents: an editor creates the English version first');
    if (action === 'delete') throw translatorRefusal('cannot delete documents or their versions');

    const locales = requestedLocales(params.locale);
    if (locales === '*' || locales.some((locale) => !allowed.includes(locale))) {
      throw translatorRefusal(`may only change their own locale (${allowed.join(', ')}), not ${locales === '*' ? 'every locale' : locales.join(', ')}`);
    }
    if (action === 'update') refuseSharedFieldChanges(await sharedFieldChanges(strapi, context.uid, params.documentId, params.data ?? {}));
    return next();
  });
