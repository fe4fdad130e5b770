import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_TYPE_UIDS, isCouncilContentType } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../domain/locales';
import { EDITOR_ROLE } from '../domain/roles';
import { knownLocaleCodes } from '../locales/known-locales';
import { translatorLocalesOf } from '../translators/translator-rules';
import { recordTranslation } from './fingerprints';
import { translationStatus } from './status';

const translatedLocale = async (strapi: Core.Strapi, locale: unknown) => {
  const known = (await knownLocaleCodes(strapi)).filter((code) => code !== DEFAULT_LOCALE);
  if (typeof locale !== 'string' || !known.includes(locale)) {
    throw new errors.ValidationError(`locale: one of ${known.join(', ')} is required (got ${JSON.stringify(locale ?? null)})`);
  }
  return locale;
};

const contentTypeUid = (uid: unknown) => {
  if (uid === undefined) return undefined;
  if (typeof uid !== 'string' || !isCouncilContentType(uid)) throw new errors.ValidationError(`uid: one of ${CONTENT_TYPE_UIDS.join(', ')} (got ${JSON.stringify(uid)})`);
  return uid;
};

/** Editors, super admins and translators of the locale may act for it; other admins may only read. */
const mayActFor = async (strapi: Core.Strapi, user: any, locale: string) => {
  const translatorOf = await translatorLocalesOf(strapi, user);
  if (translatorOf) return translatorOf.includes(locale);
  const roles: Array<{ code: string }> = user.roles ?? [];
  return roles.some((role) => role.code === 'strapi-super-admin' || role.code === EDITOR_ROLE.code);
};

/**
 * Admin routes of the translation workflow (admin JWT):
 *   GET  /translations/status?locale=fr[&uid=api::city.city]
 *   POST /translations/status/mark-current {uid, documentId, locale}: the English change needs no new translation
 */
export const registerTranslationRoutes = (strapi: Core.Strapi) => {
  strapi.server.routes({
    type: 'admin',
    prefix: '/translations',
    routes: [
      {
        method: 'GET',
        path: '/status',
        handler: async (ctx: any) => {
          const locale = await translatedLocale(strapi, ctx.query.locale);
          const uid = contentTypeUid(ctx.query.uid);
          ctx.body = { data: await translationStatus(strapi, locale, uid ? [uid] : CONTENT_TYPE_UIDS) };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
      {
        method: 'POST',
        path: '/status/mark-current',
        handler: async (ctx: any) => {
          const { uid, documentId, locale } = ctx.request.body ?? {};
          const checkedLocale = await translatedLocale(strapi, locale);
          const checkedUid = contentTypeUid(uid);
          if (!checkedUid) throw new errors.ValidationError('uid is required');
          if (typeof documentId !== 'string') throw new errors.ValidationError('documentId is required');
          if (!(await mayActFor(strapi, ctx.state.user, checkedLocale))) {
            throw new errors.PolicyError(`Only editors and the ${checkedLocale} translators may mark ${checkedLocale} translations current`);
          }
          const version = await strapi.db.query(checkedUid).findOne({ where: { documentId, locale: checkedLocale }, select: ['id'] });
          if (!version) throw new errors.NotFoundError(`No ${checkedLocale} version of ${checkedUid} ${documentId} to mark current`);
          await recordTranslation(strapi, checkedUid, documentId, checkedLocale);
          ctx.body = { data: (await translationStatus(strapi, checkedLocale, [checkedUid])).documents.find((entry) => entry.documentId === documentId) };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as any);
};
