/**
 * The content of one locale version as version history keeps it: every field but the system
 * ones, relations as the documentIds they link (stable across publish, which re-creates rows),
 * media as file ids, components without their row ids. Plain functions, for unit tests.
 */
const SYSTEM_FIELDS = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations', 'firstPublishedAt'];

type Attributes = Record<string, { type: string; relation?: string; multiple?: boolean; repeatable?: boolean }>;

const withoutIds = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([key]) => key !== 'id' && key !== '__component').map(([key, item]) => [key, withoutIds(item)]));
  }
  return value;
};

const linked = (value: unknown, key: 'documentId' | 'id') => {
  if (Array.isArray(value)) return value.map((item) => item?.[key] ?? null).filter((item) => item !== null);
  return value && typeof value === 'object' ? ((value as Record<string, unknown>)[key] ?? null) : null;
};

export type VersionData = Record<string, unknown>;

export const versionData = (attributes: Attributes, row: Record<string, any>): VersionData =>
  Object.fromEntries(
    Object.entries(attributes)
      .filter(([name]) => !SYSTEM_FIELDS.includes(name))
      .map(([name, attribute]) => {
        const value = row[name];
        if (attribute.type === 'relation') return [name, linked(value, 'documentId')];
        if (attribute.type === 'media') return [name, linked(value, 'id')];
        if (attribute.type === 'component' || attribute.type === 'dynamiczone') return [name, withoutIds(value ?? null)];
        return [name, value === undefined ? null : value];
      }),
  );

/** JSON with object keys sorted: PostgreSQL's jsonb gives stored versions back in its own key order. */
const stable = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object).sort().map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
};

const same = (a: unknown, b: unknown) => stable(a) === stable(b);

/** The fields whose values differ, in schema order, with the version's value and the current one. */
export const versionDiff = (attributes: Attributes, version: VersionData, current: VersionData | null) =>
  Object.keys(attributes)
    .filter((name) => name in version)
    .filter((name) => !same(version[name], current?.[name]))
    .map((name) => ({ field: name, version: version[name] ?? null, current: current?.[name] ?? null }));

export const sameVersion = (a: VersionData, b: VersionData) => same(a, b);
