import type { Core } from '@strapi/strapi';
import type { AdminRouter } from '../bootstrap/admin-routes';
import { env, errors } from '@strapi/utils';
import { xliffSizeLimit } from '../request-bodies/body-limits';
import { multipartBody } from '../request-bodies/multipart-body';
import { CONTENT_TYPE_UIDS, isCouncilContentType } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import { knownLocaleCodes } from '../locales/known-locales';
import { perAdminUserRateLimit } from '../rate-limit';
import { recordTranslation } from './fingerprints';
import { announceTranslationChange } from './source-fingerprints';
import { publishReadyDrafts } from './publish-ready';
import { type TranslationState, translationStatus } from './status';
import { exportXliff, importXliff, readXliff, xliffFromRequest } from './xliff-exchange';
import { xmlBody } from '../request-bodies/xml-body';
import { assertActsForLocale } from '../policies/acts-for-locale';

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

/** `?include=diff`: the only extra the status takes. */
const includes = (value: unknown, wanted: string) => {
  if (value === undefined || value === '') return false;
  const names = String(value).split(',').map((name) => name.trim());
  const wrong = names.filter((name) => name !== wanted);
  if (wrong.length > 0) throw new errors.ValidationError(`include: ${wrong.join(', ')} is not one of ${wanted}`);
  return true;
};

/** `?prefill=source`: the English as target where there is no translation yet. */
const prefillOption = (value: unknown) => {
  if (value === undefined || value === '') return false;
  if (value !== 'source') throw new errors.ValidationError(`prefill: only "source" (got ${JSON.stringify(value)})`);
  return true;
};

const contentTypeUid = (uid: unknown) => {
  if (uid === undefined) return undefined;
  if (typeof uid !== 'string' || !isCouncilContentType(uid)) throw new errors.ValidationError(`uid: one of ${CONTENT_TYPE_UIDS.join(', ')} (got ${JSON.stringify(uid)})`);
  return uid;
};

/**
 * Admin routes of the translation workflow (admin JWT):
 *   GET  /translations/status?locale=fr[&uid=api::city.city][&include=diff]: with diff, what changed in English per outdated field
 *   POST /translations/status/mark-current {uid, documentId, locale}: the English change needs no new translation
 *   POST /translations/publish {locale, dryRun}: publish every ready draft of the locale, all or nothing
 *   GET  /translations/xliff?locale=fr[&uid=…][&status=missing,outdated][&prefill=source]: XLIFF 1.2 for CAT tools
 *   POST /translations/xliff[?locale=fr]: import one, all or nothing (rate-limited per admin user);
 *        without ?locale= the file's target-language names it
 * Reading is open to every admin; changing a locale needs global::acts-for-locale (editors and
 * super admins, or that locale's translators).
 */
const SIGNED_IN = 'admin::isAuthenticatedAdmin';
const IMPORT = 'import {locale} translations';
const actsForLocale = (to: string) => ({ name: 'global::acts-for-locale', config: { to } });

export const translationRoutes = (strapi: Core.Strapi): AdminRouter => ({
    prefix: '/translations',
    routes: [
      {
        method: 'GET',
        path: '/status',
        handler: async (ctx: any) => {
          const locale = await translatedLocale(strapi, ctx.query.locale);
          const uid = contentTypeUid(ctx.query.uid);
          const includeChanges = includes(ctx.query.include, 'diff');
          ctx.body = { data: await translationStatus(strapi, locale, uid ? [uid] : CONTENT_TYPE_UIDS, { includeChanges }) };
        },
        config: { policies: [SIGNED_IN] },
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
          const version = await strapi.db.query(checkedUid).findOne({ where: { documentId, locale: checkedLocale }, select: ['id'] });
          if (!version) throw new errors.NotFoundError(`No ${checkedLocale} version of ${checkedUid} ${documentId} to mark current`);
          await recordTranslation(strapi, checkedUid, documentId, checkedLocale);
          await announceTranslationChange(strapi, checkedUid, documentId);
          ctx.body = { data: (await translationStatus(strapi, checkedLocale, [checkedUid])).documents.find((entry) => entry.documentId === documentId) };
        },
        config: { policies: [SIGNED_IN, actsForLocale('mark {locale} translations current')] },
      },
      {
        method: 'POST',
        path: '/publish',
        handler: async (ctx: any) => {
          const { locale, dryRun = false } = ctx.request.body ?? {};
          const checkedLocale = await translatedLocale(strapi, locale);
          if (typeof dryRun !== 'boolean') throw new errors.ValidationError('dryRun must be true or false');
          ctx.body = { data: await publishReadyDrafts(strapi, checkedLocale, { dryRun }) };
        },
        config: { policies: [SIGNED_IN, actsForLocale('publish {locale} translations')] },
      },
      {
        method: 'GET',
        path: '/xliff',
        handler: async (ctx: any) => {
          const locale = await translatedLocale(strapi, ctx.query.locale);
          const uid = contentTypeUid(ctx.query.uid);
          const prefill = prefillOption(ctx.query.prefill);
          const xml = await exportXliff(strapi, { locale, uids: uid ? [uid] : CONTENT_TYPE_UIDS, statuses: statusFilter(ctx.query.status), prefill });
          ctx.type = 'application/xliff+xml; charset=utf-8';
          ctx.attachment(`partner-cities-${locale}${uid ? `-${uid.split('.').pop()}` : ''}.xlf`);
          ctx.body = xml;
        },
        config: { policies: [SIGNED_IN] },
      },
      {
        method: 'POST',
        path: '/xliff',
        handler: async (ctx: any) => {
          const xml = await xliffFromRequest(ctx);
          if (!xml) throw new errors.ValidationError('No XLIFF received: send it as application/xliff+xml, text/xml or text/plain, as JSON { "xliff": "…" }, or as a file field named "file"');
          const parsed = await readXliff(xml);
          // Without ?locale= the file's target-language says which locale; the caller must act for it all the same.
          const named = ctx.query.locale;
          const locale = await translatedLocale(strapi, named ?? parsed.targetLanguage);
          if (named === undefined) await assertActsForLocale(strapi, ctx.state.user, locale, IMPORT);
          ctx.body = { data: await importXliff(strapi, parsed, locale) };
        },
        // An import rewrites a whole locale: the API's per-client limit, per admin user.
        config: {
          policies: [SIGNED_IN, actsForLocale(IMPORT)],
          middlewares: [perAdminUserRateLimit(strapi, 'xliff-import'), multipartBody({ maxFileSize: xliffSizeLimit(env), maxFiles: 1 }), xmlBody({ limit: xliffSizeLimit(env) })],
        },
      },
    ],
});
