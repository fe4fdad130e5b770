import { blocksToText } from '../domain/rich-text';

/**
 * What of each searchable type is searched, in three weights: the title (names and titles rank
 * first), the summary, then the body. Only localized text: every locale is searched in its words.
 */
export const SEARCHABLE_TYPES = {
  city: 'api::city.city',
  partnership: 'api::partnership.partnership',
  project: 'api::project.project',
  theme: 'api::theme.theme',
} as const;
export type SearchableType = keyof typeof SEARCHABLE_TYPES;

export const typeOfUid = (uid: string): SearchableType | undefined =>
  (Object.entries(SEARCHABLE_TYPES) as Array<[SearchableType, string]>).find(([, candidate]) => candidate === uid)?.[0];

const join = (...parts: unknown[]) => parts.filter((part) => typeof part === 'string' && part.trim() !== '').join('\n');

/** The title, summary and body of a stored version (a row of the type's table). */
export const searchFields = (type: SearchableType, row: Record<string, any>): { title: string; summary: string; body: string } => {
  switch (type) {
    case 'city':
      return { title: row.name ?? '', summary: join(row.summary, row.country, row.region), body: blocksToText(row.description) };
    case 'partnership':
      return { title: row.title ?? '', summary: join(row.summary, row.dateNote), body: join(row.origin, blocksToText(row.description)) };
    case 'project':
      return { title: row.title ?? '', summary: row.summary ?? '', body: blocksToText(row.description) };
    case 'theme':
      return { title: row.name ?? '', summary: row.description ?? '', body: '' };
  }
};
