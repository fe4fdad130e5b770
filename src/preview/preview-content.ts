import { createHash, timingSafeEqual } from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { verifyPreviewLink } from '../../site/src/preview-link';
import { PAGE_TYPES, pageKindOf } from '../../site/src/page-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import { knownLocaleCodes } from '../locales/known-locales';
import { adminRoute, type AdminRouter } from '../admin-routes';
import { previewSettings } from './settings';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether the request carries the site's preview credential (compared in constant time). */
const hasPreviewCredential = (authorization: string, token: string) => {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  return !!match && timingSafeEqual(digest(match[1]), digest(token));
};

/**
 * GET /preview/content?{signed link}: the document a preview link names, in its locale and
 * status, with what its page shows, for the reference site's server only. Two keys are needed:
 * the site's credential (PREVIEW_TOKEN, which no other route accepts) and a valid signature,
 * so the credential alone reads nothing and a link alone reads nothing either. Not a content API
 * route, so nothing here reaches the public API's cache; the answer says `no-store`.
 * `meta.english` carries the English version in the same status, for fields a translation has
 * left empty.
 */
export const previewRoutes = (strapi: Core.Strapi): AdminRouter => ({
  prefix: '/preview',
  routes: [
    adminRoute({
      method: 'GET',
      path: '/content',
      // The signed link's own parameters, verified whole with their signature below.
      signedQuery: true,
      input: () => z.object({}),
      access: { credential: 'the site\'s PREVIEW_TOKEN together with a signed preview link' },
      handler: async (ctx) => {
        ctx.set('Cache-Control', 'private, no-store');
        const settings = previewSettings();
        if (!settings) throw new errors.NotFoundError('Preview is not configured (SITE_URL, PREVIEW_SECRET, PREVIEW_TOKEN)');
        if (!hasPreviewCredential(ctx.get('Authorization'), settings.token)) throw new errors.UnauthorizedError('The preview credential is missing or wrong');
        const check = verifyPreviewLink(new URLSearchParams(ctx.querystring), settings.secret);
        if (!check.ok) throw new errors.ForbiddenError(`Preview link refused: ${check.reason}`);
        const { uid, documentId, locale, status } = check.target;
        const kind = pageKindOf(uid);
        if (!kind || !(await knownLocaleCodes(strapi)).includes(locale)) throw new errors.NotFoundError('No such page');
        const load = (inLocale: string) =>
          strapi.documents(uid as any).findOne({ documentId, locale: inLocale, status, populate: PAGE_TYPES[kind].populate as any });
        const [data, english] = await Promise.all([load(locale), locale === DEFAULT_LOCALE ? null : load(DEFAULT_LOCALE)]);
        if (!data && !english) throw new errors.NotFoundError('The document has no version in this status');
        const contentType = strapi.getModel(uid as any);
        const sanitize = (entry: unknown) => (entry ? strapi.contentAPI.sanitize.output(entry, contentType, {}) : null);
        ctx.body = { data: await sanitize(data), meta: { english: await sanitize(english), expires: new Date(check.expires * 1000).toISOString() } };
      },
    }),
  ],
});
