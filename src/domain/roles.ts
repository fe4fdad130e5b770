import { isLocalizedAttribute } from './content-types';
import { DEFAULT_LOCALE, SUPPORTED_LOCALE_CODES } from '../locales/locales';

/** The admin roles seeded at start: one editor role and one translator role per translated locale. */
export const EDITOR_ROLE = { code: 'international-relations-editor', name: 'International Relations Editor' };

export const TRANSLATED_LOCALES = SUPPORTED_LOCALE_CODES.filter((code) => code !== DEFAULT_LOCALE);

export const translatorRole = (locale: string) => ({ code: `translator-${locale}`, name: `Translator (${locale})` });

/**
 * Fields a translator may write: the localized text of a type. Slugs and relations are shared by
 * all locales (they follow English), non-localized fields would change every locale.
 */
export const translatableFields = (attributes: Record<string, any>): string[] =>
  Object.entries(attributes)
    .filter(([, attribute]) => isLocalizedAttribute(attribute) && !['uid', 'relation', 'media'].includes(attribute.type))
    .map(([name]) => name);
