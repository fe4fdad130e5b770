import type { Core } from '@strapi/strapi';
import { isCouncilContentType } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../domain/locales';
import { recordTranslation } from '../translations/fingerprints';
import type { DocumentMiddleware } from './context';

/**
 * Each time a translation is saved (admin, REST, import), remembers the fingerprint of the
 * English text it now corresponds to; translation status compares it with the current one.
 */
export const translationFingerprints =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!isCouncilContentType(context.uid) || !['create', 'update'].includes(context.action)) return next();
    const locale: string = context.params.locale ?? DEFAULT_LOCALE;
    const result = await next();
    const documentId = result?.documentId ?? context.params.documentId;
    if (locale !== DEFAULT_LOCALE && documentId) await recordTranslation(strapi, context.uid, documentId, locale);
    return result;
  };
