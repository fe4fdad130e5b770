import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { unknownLocaleCodes, unknownLocaleMessage } from './locales';
import { knownLocaleCodes } from './known-locales';
import { CHANGE_ACTIONS, forCouncilTypes, READ_ACTIONS, type DocumentMiddleware } from '../document-middlewares/kit';

/**
 * Refuses any read or write in a locale that does not exist. Stock Strapi answers an unknown
 * locale with empty lists, or writes a row in it (#27108). Running in the Document Service covers
 * REST, the admin Content Manager and code alike.
 */
export const localeGuard = (strapi: Core.Strapi): DocumentMiddleware =>
  forCouncilTypes([...READ_ACTIONS, ...CHANGE_ACTIONS], async (context, next) => {
    const requested = context.params?.locale;
    if (requested === undefined) return next();
    const known = await knownLocaleCodes(strapi);
    const unknown = unknownLocaleCodes(requested, known);
    if (unknown.length > 0) {
      throw new errors.ValidationError(unknownLocaleMessage(unknown, known), {
        errors: [{ path: ['locale'], message: unknownLocaleMessage(unknown, known), name: 'ValidationError' }],
      });
    }
    return next();
  });
