import type { Core } from '@strapi/strapi';
import { signPreviewLink, type PreviewStatus } from '../../site/src/preview-link';
import { pageKindOf } from '../../site/src/page-types';
import { previewSettings } from './settings';
import { contentPermission, type UserAbility } from '../admin-routes/access';
import { DEFAULT_LOCALE } from '../locales/locales';

type PreviewParams = { documentId: string; locale?: string | null; status?: string };


/**
 * Strapi's Preview handler: the reference site's /preview link for one document, locale and
 * status, signed and short-lived. Strapi's own route checks only that an admin is signed in, so
 * this also asks the Content Manager's permission checker whether the user may read that
 * document in that locale: no link otherwise (Strapi answers 204; a thrown error would become a
 * logged 400).
 */
export const previewUrl = async (strapi: Core.Strapi, uid: string, { documentId, locale, status }: PreviewParams): Promise<string | null> => {
  const settings = previewSettings();
  if (!settings || !pageKindOf(uid)) return null;
  const userAbility = (strapi.requestContext.get() as { state?: { userAbility?: UserAbility } } | undefined)?.state?.userAbility;
  const target = { uid, documentId, locale: locale ?? DEFAULT_LOCALE, status: (status === 'published' ? 'published' : 'draft') as PreviewStatus };
  if (!userAbility || !(await contentPermission(strapi, userAbility).may('read', target))) return null;
  return `${settings.siteUrl}/preview?${signPreviewLink(target, settings.secret, { ttlSeconds: settings.ttlSeconds })}`;
};

/** `admin.preview` in config/admin.ts: on when the preview settings are there. */
export const previewAdminConfig = (env: Record<string, string | undefined> = process.env): Core.Config.Admin['preview'] => {
  const settings = previewSettings(env);
  if (!settings) return { enabled: false, config: { handler: () => null } };
  return {
    enabled: true,
    config: {
      // Strapi adds these to the admin panel's frame-src, so its Preview can show the site.
      allowedOrigins: [settings.siteOrigin],
      handler: (uid, params) => previewUrl(strapi, uid, params),
    },
  };
};
