/** The council's content types, in the order their dependencies allow them to be written. */
export const CONTENT_TYPE_UIDS = [
  'api::theme.theme',
  'api::city.city',
  'api::partnership.partnership',
  'api::project.project',
  'api::international-relations-page.international-relations-page',
] as const;

export type ContentTypeUid = (typeof CONTENT_TYPE_UIDS)[number];

export const isCouncilContentType = (uid: string): uid is ContentTypeUid => (CONTENT_TYPE_UIDS as readonly string[]).includes(uid);

/** The field each type's slug is generated from. */
export const SLUG_SOURCE_FIELD: Record<ContentTypeUid, string | undefined> = {
  'api::theme.theme': 'name',
  'api::city.city': 'name',
  'api::partnership.partnership': 'title',
  'api::project.project': 'title',
  'api::international-relations-page.international-relations-page': undefined,
};
