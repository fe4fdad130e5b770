import type { Core } from '@strapi/strapi';
import { env, errors } from '@strapi/utils';
import { xliffSizeLimit } from '../request-bodies/body-limits';
import { multipartBody } from '../request-bodies/multipart-body';
import { CONTENT_TYPE_UIDS, isCouncilContentType } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import { isEditorOrSuperAdmin } from '../domain/roles';
import { knownLocaleCodes } from '../locales/known-locales';
import { perAdminUserRateLimit } from '../rate-limit';
import { translatorLocalesOf } from './translator-rules';
import { recordTranslation } from './fingerprints';
import { type TranslationState, translationStatus } from './status';
import { exportXliff, importXliff, xliffFromRequest } from './xliff-exchange';

const translatedLocale = async (strapi: Core.Strapi, locale: unknown) => {
  const known = (await knownLocaleCodes(strapi)).filter((code) => code !== DEFAULT_LOCALE);
  if (typeof locale !== 'string' || !known.includes(locale)) {
    throw new errors.ValidationError(`locale: one of ${known.join(', ')} is required (got ${JSON.stringify(locale ?? null)})`);
  }
  return locale;
};

const STATES: TranslationState[] = ['missing', 'outdated', 'current'];

const statusFilter = (value: unknown): TranslationState[] | undefined => {
  if (value === undefined || value === '') return undefined;
  const states = String(value).split(',').map((state) => state.trim());
  const wrong = states.filter((state) => !STATES.includes(state as TranslationState));
  if (wrong.length > 0) throw new errors.ValidationError(`status: ${wrong.join(', ')} is not one of ${STATES.join(', ')}`);
  return states as TranslationState[];
};

const requireActFor = async (strapi: Core.Strapi, user: any, locale: string, what: string) => {
  if (!(await mayActFor(strapi, user, locale))) throw new errors.PolicyError(`Only editors and the ${locale} translators may ${what}`);
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
  return isEditorOrSuperAdmin((user.roles ?? []).map((role: { code: string }) => role.code));
};

/**
 * Admin routes of the translation workflow (admin JWT):
 *   GET  /translations/status?locale=fr[&uid=api::city.city]
 *   POST /translations/status/mark-current {uid, documentId, locale}: the English change needs no new translation
 *   GET  /translations/xliff?locale=fr[&uid=…][&status=missing,outdated]: XLIFF 1.2 for CAT tools
 *   POST /translations/xliff?locale=fr: import one, all or nothing (rate-limited per admin user)
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
          await requireActFor(strapi, ctx.state.user, checkedLocale, `mark ${checkedLocale} translations current`);
          const version = await strapi.db.query(checkedUid).findOne({ where: { documentId, locale: checkedLocale }, select: ['id'] });
          if (!version) throw new errors.NotFoundError(`No ${checkedLocale} version of ${checkedUid} ${documentId} to mark current`);
          await recordTranslation(strapi, checkedUid, documentId, checkedLocale);
          ctx.body = { data: (await translationStatus(strapi, checkedLocale, [checkedUid])).documents.find((entry) => entry.documentId === documentId) };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
      {
        method: 'GET',
        path: '/xliff',
        handler: async (ctx: any) => {
          const locale = await translatedLocale(strapi, ctx.query.locale);
          const uid = contentTypeUid(ctx.query.uid);
          const xml = await exportXliff(strapi, { locale, uids: uid ? [uid] : CONTENT_TYPE_UIDS, statuses: statusFilter(ctx.query.status) });
          ctx.type = 'application/x-xliff+xml; charset=utf-8';
          ctx.attachment(`partner-cities-${locale}${uid ? `-${uid.split('.').pop()}` : ''}.xlf`);
          ctx.body = xml;
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
      {
        method: 'POST',
        path: '/xliff',
        handler: async (ctx: any) => {
          const locale = await translatedLocale(strapi, ctx.query.locale);
          await requireActFor(strapi, ctx.state.user, locale, `import ${locale} translations`);
          const xml = await xliffFromRequest(ctx);
          if (!xml) throw new errors.ValidationError('No XLIFF received: send it as text/plain or text/xml, as JSON { "xliff": "…" }, or as a file field named "file"');
          ctx.body = { data: await importXliff(strapi, xml, locale) };
        },
        // An import rewrites a whole locale: the API's per-client limit, per admin user.
        config: {
          policies: ['admin::isAuthenticatedAdmin'],
          middlewares: [perAdminUserRateLimit(strapi, 'xliff-import'), multipartBody({ maxFileSize: xliffSizeLimit(env as any), maxFiles: 1 })],
        },
      },
    ],
  } as any);
};
