import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE } from '../locales/locales';
import { recordTranslation } from './fingerprints';
import { documentLocale, forCouncilTypes, SAVE_ACTIONS, type DocumentMiddleware } from '../document-middlewares/kit';

/**
 * Each time a translation is saved (admin, REST, import), remembers the fingerprint of the
 * English text it now corresponds to; translation status compares it with the current one.
 */
export const translationFingerprints = (strapi: Core.Strapi): DocumentMiddleware =>
  forCouncilTypes(SAVE_ACTIONS, async (context, next) => {
    const locale = documentLocale(context);
    const result = await next();
    const documentId = result?.documentId ?? context.params.documentId;
    if (locale !== DEFAULT_LOCALE && documentId) await recordTranslation(strapi, context.uid, documentId, locale);
    return result;
  });
