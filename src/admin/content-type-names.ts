import type { Text, TextId } from './i18n';

/** The council's content types, in the order the pages list them. */
export const COUNCIL_TYPES = [
  'api::theme.theme',
  'api::city.city',
  'api::partnership.partnership',
  'api::project.project',
  'api::international-relations-page.international-relations-page',
];

/** How the admin pages name a content type, in the user's language. */
export const typeName = (t: Text, uid: string) => (COUNCIL_TYPES.includes(uid) ? t(`type.${uid.split('.').pop()}` as TextId) : uid);

/**
 * The Content Manager screen of one document in one locale, as a router path inside the admin
 * panel's base path: opening it is an in-app navigation (no reload, and Back returns).
 */
export const contentManagerPath = (uid: string, documentId: string, locale: string) =>
  uid.includes('international-relations-page')
    ? `/content-manager/single-types/${uid}?plugins[i18n][locale]=${locale}`
    : `/content-manager/collection-types/${uid}/${documentId}?plugins[i18n][locale]=${locale}`;
