/**
 * Which fields a change touched, from the version before and after it. Relations count by the
 * documentIds they point to, components by their values (not their row ids), media by file id,
 * so re-saving identical content changes nothing.
 */

/** Bookkeeping attributes every version has; a change to them alone is not a content change. */
const SYSTEM_ATTRIBUTES = new Set(['id', 'documentId', 'locale', 'localizations', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy']);

type Attribute = { type: string; [key: string]: any };

const withoutIds = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'id').map(([key, inner]) => [key, withoutIds(inner)]));
  }
  return value instanceof Date ? value.toISOString() : value;
};

const linkKey = (entry: any) => entry?.documentId ?? entry?.id ?? entry;

const normalized = (attribute: Attribute, value: unknown): unknown => {
  if (value === undefined || value === null) return null;
  switch (attribute.type) {
    case 'relation':
    case 'media':
      return Array.isArray(value) ? value.map(linkKey) : linkKey(value);
    case 'component':
    case 'dynamiczone':
      return withoutIds(value);
    default:
      return value instanceof Date ? value.toISOString() : value;
  }
};

const isEmpty = (value: unknown) => value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** The content attributes of a type: what the audit log reports on. */
export const auditedAttributes = (attributes: Record<string, Attribute>): Array<[string, Attribute]> =>
  Object.entries(attributes).filter(([name]) => !SYSTEM_ATTRIBUTES.has(name));

/**
 * Names of the fields that differ between two versions (null when the version does not exist):
 * a new version lists its non-empty fields, a version that goes away lists nothing.
 */
export const changedFieldNames = (
  attributes: Record<string, Attribute>,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string[] => {
  if (!after) return [];
  return auditedAttributes(attributes)
    .filter(([name, attribute]) => {
      const next = normalized(attribute, after[name]);
      if (!before) return !isEmpty(next);
      return JSON.stringify(normalized(attribute, before[name])) !== JSON.stringify(next) && !(isEmpty(next) && isEmpty(normalized(attribute, before[name])));
    })
    .map(([name]) => name);
};
