/** The council's content types, in the order their dependencies allow them to be written. */
export const CONTENT_TYPE_UIDS = [
  'api::theme.theme',
  'api::city.city',
  'api::partnership.partnership',
  'api::project.project',
  'api::international-relations-page.international-relations-page',
] as const;

export type ContentTypeUid = (typeof CONTENT_TYPE_UIDS)[number];

/** Types with one document (no list, no findOne by documentId). */
export const SINGLE_TYPE_UIDS: readonly ContentTypeUid[] = ['api::international-relations-page.international-relations-page'];

/** Whether a content type or attribute is translated per locale (i18n's `localized` option). */
export const isLocalizedAttribute = (attribute: { pluginOptions?: any; [option: string]: unknown } | undefined): boolean => attribute?.pluginOptions?.i18n?.localized === true;

export const isCouncilContentType = (uid: string): uid is ContentTypeUid => (CONTENT_TYPE_UIDS as readonly string[]).includes(uid);

/** The field each type's slug is generated from. */
export const SLUG_SOURCE_FIELD: Record<ContentTypeUid, string | undefined> = {
  'api::theme.theme': 'name',
  'api::city.city': 'name',
  'api::partnership.partnership': 'title',
  'api::project.project': 'title',
  'api::international-relations-page.international-relations-page': undefined,
};

/**
 * Localized fields filled in by the system, not by translators: `country` is the name of
 * `countryCode` in each locale (src/document-middlewares/country-name.ts).
 */
const DERIVED_FIELDS: Partial<Record<ContentTypeUid, string[]>> = { 'api::city.city': ['country'] };

/** A type's attributes without the derived ones: what translation status and XLIFF look at. */
export const translatedAttributes = (uid: string, attributes: Record<string, any>): Record<string, any> => {
  const derived = DERIVED_FIELDS[uid as ContentTypeUid] ?? [];
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => !derived.includes(name)));
};
