import { isLocalizedAttribute } from './content-types';
import { DEFAULT_LOCALE, SUPPORTED_LOCALE_CODES } from '../locales/locales';

/** The admin roles seeded at start: one editor role and one translator role per translated locale. */
export const EDITOR_ROLE = { code: 'international-relations-editor', name: 'International Relations Editor' };

export const TRANSLATED_LOCALES = SUPPORTED_LOCALE_CODES.filter((code) => code !== DEFAULT_LOCALE);

export const translatorRole = (locale: string) => ({ code: `translator-${locale}`, name: `Translator (${locale})` });

/**
 * The locales a user may write when every one of their roles is a translator role; undefined
 * when any role is something else (editor, super admin, …), whose rights Strapi's RBAC governs.
 */
export const translatorLocales = (roleCodes: string[]): string[] | undefined => {
  if (roleCodes.length === 0) return undefined;
  const locales = roleCodes.map((code) => TRANSLATED_LOCALES.find((locale) => translatorRole(locale).code === code));
  return locales.every((locale): locale is string => locale !== undefined) ? [...new Set(locales)] : undefined;
};

/**
 * Fields a translator may write: the localized text of a type. Slugs and relations are shared by
 * all locales (they follow English), non-localized fields would change every locale.
 */
export const translatableFields = (attributes: Record<string, any>): string[] =>
  Object.entries(attributes)
    .filter(([, attribute]) => isLocalizedAttribute(attribute) && !['uid', 'relation', 'media'].includes(attribute.type))
    .map(([name]) => name);

export const SUPER_ADMIN_ROLE_CODE = 'strapi-super-admin';

/** Editors and super admins: who may act for any locale and read the audit log. */
export const isEditorOrSuperAdmin = (roleCodes: string[]): boolean =>
  roleCodes.some((code) => code === SUPER_ADMIN_ROLE_CODE || code === EDITOR_ROLE.code);
