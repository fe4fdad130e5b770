import type { Core } from '@strapi/strapi';
import { env, errors } from '@strapi/utils';
import { z } from 'zod';
import { adminRoute, fields, type AdminRouter, type AccessTarget } from '../admin-routes';
import { xliffSizeLimit } from '../request-bodies/body-limits';
import { multipartBody } from '../request-bodies/multipart-body';
import { xmlBody } from '../request-bodies/xml-body';
import { CONTENT_TYPE_UIDS, isCouncilContentType } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import { knownLocaleCodes } from '../locales/known-locales';
import { perAdminUserRateLimit } from '../rate-limit';
import { recordTranslation } from './fingerprints';
import { announceTranslationChange } from './source-fingerprints';
import { publishReadyDrafts } from './publish-ready';
import { translationStatus } from './status';
import { exportXliff, importXliff, readXliff, wrongLanguage, xliffFromRequest, type ParsedXliff } from './xliff-exchange';

const STATES = ['missing', 'outdated', 'current'] as const;

/** Admin users with an XLIFF import running on this instance. */
const importsRunning = new Set<number>();

/**
 * One import at a time per admin user: each parses up to the body limit (in the XLIFF worker) and
 * plans a whole locale, so a second while the first runs is refused (429) instead of queued.
 */
const oneImportPerUser = async (ctx: { state: { user?: { id: number } } }, next: () => Promise<unknown>) => {
  const id = ctx.state.user?.id;
  if (id === undefined) return next();
  if (importsRunning.has(id)) throw new errors.RateLimitError('An XLIFF import of yours is still running: wait for its answer, then send the next file', { code: 'import-running' });
  importsRunning.add(id);
  try {
    return await next();
  } finally {
    importsRunning.delete(id);
  }
};

/** A translated locale (every locale but English), as the schema of each route takes it. */
const translatedLocale = async (strapi: Core.Strapi) => fields.locale((await knownLocaleCodes(strapi)).filter((code) => code !== DEFAULT_LOCALE));

const contentTypeUid = fields.oneOf(CONTENT_TYPE_UIDS);

/** The types a request names (`uid`), or all of them. */
const typesIn = (locale: string, uid: string | undefined): AccessTarget[] => (uid ? [uid] : CONTENT_TYPE_UIDS).map((name) => ({ uid: name, locale }));

const allowedUids = (targets: AccessTarget[]) => targets.map((target) => target.uid) as typeof CONTENT_TYPE_UIDS[number][];

/**
 * Admin routes of the translation workflow (admin JWT). Reading follows the Content Manager's read
 * right in the locale asked for (per type: a list covers the types the caller may read); changing
 * needs the Content Manager's right for that change in that locale, for every type it touches.
 *   GET  /translations/status?locale=fr[&uid=api::city.city][&include=diff]: with diff, what changed in English per outdated field
 *   POST /translations/status/mark-current {uid, documentId, locale}: the English change needs no new translation
 *   POST /translations/publish {locale, dryRun}: publish every ready draft of the locale, all or nothing
 *   GET  /translations/xliff?locale=fr[&uid=…][&status=missing,outdated][&prefill=source]: XLIFF 1.2 for CAT tools
 *   POST /translations/xliff[?locale=fr]: import one, all or nothing (rate-limited per admin user);
 *        without ?locale= the file's target-language names it
 */
export const translationRoutes = (strapi: Core.Strapi): AdminRouter => ({
  prefix: '/translations',
  routes: [
    adminRoute({
      method: 'GET',
      path: '/status',
      input: async () => z.object({ locale: await translatedLocale(strapi), uid: contentTypeUid.optional(), include: z.literal('diff', { error: 'only "diff"' }).optional() }),
      access: { content: ['read'], targets: ({ locale, uid }) => typesIn(locale, uid), scope: 'any' },
      handler: async (ctx, { locale, include }, grant) => {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { data: await translationStatus(strapi, locale, allowedUids(grant.targets), { includeChanges: include === 'diff' }) };
      },
    }),
    adminRoute({
      method: 'POST',
      path: '/status/mark-current',
      input: async () => z.object({ uid: contentTypeUid, documentId: fields.text(64), locale: await translatedLocale(strapi) }),
      access: { content: ['update'], targets: ({ uid, documentId, locale }) => [{ uid, documentId, locale }] },
      handler: async (ctx, { uid, documentId, locale }) => {
        const version = await strapi.db.query(uid).findOne({ where: { documentId, locale }, select: ['id'] });
        if (!version) throw new errors.NotFoundError(`No ${locale} version of ${uid} ${documentId} to mark current`);
        await recordTranslation(strapi, uid, documentId, locale);
        await announceTranslationChange(strapi, uid, documentId);
        ctx.body = { data: (await translationStatus(strapi, locale, [uid])).documents.find((entry) => entry.documentId === documentId) };
      },
    }),
    adminRoute({
      method: 'POST',
      path: '/publish',
      input: async () => z.object({ locale: await translatedLocale(strapi), dryRun: fields.flag().default(false) }),
      // Every type: the answer is all or nothing across them.
      access: { content: ['publish'], targets: ({ locale }) => typesIn(locale, undefined) },
      handler: async (ctx, { locale, dryRun }) => {
        ctx.body = { data: await publishReadyDrafts(strapi, locale, { dryRun }) };
      },
    }),
    adminRoute({
      method: 'GET',
      path: '/xliff',
      input: async () =>
        z.object({ locale: await translatedLocale(strapi), uid: contentTypeUid.optional(), status: fields.listOf(STATES).optional(), prefill: z.literal('source', { error: 'only "source"' }).optional() }),
      access: { content: ['read'], targets: ({ locale, uid }) => typesIn(locale, uid), scope: 'any' },
      handler: async (ctx, { locale, uid, status, prefill }, grant) => {
        const xml = await exportXliff(strapi, { locale, uids: allowedUids(grant.targets), statuses: status, prefill: prefill === 'source' });
        ctx.set('Cache-Control', 'no-store');
        ctx.type = 'application/xliff+xml; charset=utf-8';
        ctx.attachment(`partner-cities-${locale}${uid ? `-${uid.split('.').pop()}` : ''}.xlf`);
        ctx.body = xml;
      },
    }),
    adminRoute<{ locale: string; xliff: ParsedXliff }>({
      method: 'POST',
      path: '/xliff',
      // The file is the body; its target-language names the locale when ?locale= does not, and
      // a ?locale= that the file contradicts is refused (xliff-wrong-language) before any check.
      body: async (ctx) => {
        const xml = await xliffFromRequest(ctx);
        if (!xml) throw new errors.ValidationError('No XLIFF received: send it as application/xliff+xml, text/xml or text/plain, as JSON { "xliff": "…" }, or as a file field named "file"');
        const xliff = await readXliff(xml);
        const named = ctx.query.locale;
        // A ?locale= that the file contradicts is refused before anything is checked or written.
        if (typeof named === 'string' && xliff.targetLanguage !== undefined && named !== xliff.targetLanguage) throw wrongLanguage(xliff, named);
        return { xliff, ...(named === undefined && xliff.targetLanguage !== undefined && { locale: xliff.targetLanguage }) };
      },
      input: async () => z.object({ locale: await translatedLocale(strapi), xliff: z.custom<ParsedXliff>((value) => typeof value === 'object' && value !== null) }),
      // An import creates and updates drafts of the types the file names.
      access: {
        content: ['create', 'update'],
        targets: ({ locale, xliff }) => {
          const uids = Object.keys(xliff.resources).filter(isCouncilContentType);
          return typesIn(locale, undefined).filter((target) => uids.length === 0 || uids.includes(target.uid as never));
        },
      },
      handler: async (ctx, { locale, xliff }) => {
        ctx.body = { data: await importXliff(strapi, xliff, locale) };
      },
      // An import rewrites a whole locale: the API's per-client limit, per admin user.
      middlewares: [perAdminUserRateLimit(strapi, 'xliff-import'), oneImportPerUser, multipartBody({ maxFileSize: xliffSizeLimit(env), maxFiles: 1 }), xmlBody({ limit: xliffSizeLimit(env) })],
    }),
  ],
});
