const LIST_OPERATORS = new Set(['$and', '$or']);

/**
 * The first `$and` / `$or` in a query parameter whose value is not a list, as a message naming
 * where it is; undefined when there is none. Strapi's query builder throws a plain Error for these
 * ("Operator $and must be an array"), which was a 500 (found by tests/api/fuzz-public-reads.test.ts).
 */
export const listOperatorProblem = (value: unknown, path: string): string | undefined => {
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const at = `${path}[${key}]`;
    if (LIST_OPERATORS.has(key) && !Array.isArray(entry)) {
      return `${at}: ${key} takes a list of conditions, e.g. ${at}[0][name][$eq]=Lille`;
    }
    const nested = listOperatorProblem(entry, at);
    if (nested) return nested;
  }
  return undefined;
};
