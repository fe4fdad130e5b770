/** How the admin pages name the council's content types. */
export const TYPE_NAMES: Record<string, string> = {
  'api::theme.theme': 'Themes',
  'api::city.city': 'Cities',
  'api::partnership.partnership': 'Partnerships',
  'api::project.project': 'Projects',
  'api::international-relations-page.international-relations-page': 'International relations page',
};

export const errorMessage = (error: any): string => error?.response?.data?.error?.message ?? error?.message ?? 'Something went wrong';

/**
 * The Content Manager screen of one document in one locale, as a router path inside the admin
 * panel's base path: opening it is an in-app navigation (no reload, and Back returns).
 */
export const contentManagerPath = (uid: string, documentId: string, locale: string) =>
  uid.includes('international-relations-page')
    ? `/content-manager/single-types/${uid}?plugins[i18n][locale]=${locale}`
    : `/content-manager/collection-types/${uid}/${documentId}?plugins[i18n][locale]=${locale}`;
