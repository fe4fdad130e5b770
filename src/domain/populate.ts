/**
 * How many relation levels a REST `populate` asks for, in every syntax Strapi accepts:
 * `*`, `a,b.c`, `['a', 'b.c']`, `{ a: true, b: { populate: { c: true } } }`, `{ a: { on: {...} } }`.
 */
export const populateDepth = (populate: unknown): number => {
  if (populate === undefined || populate === null || populate === false || populate === 'false') return 0;
  if (typeof populate === 'string') {
    return Math.max(0, ...populate.split(',').map((path) => (path.trim() === '' ? 0 : path.split('.').length)));
  }
  if (Array.isArray(populate)) return Math.max(0, ...populate.map(populateDepth));
  if (typeof populate !== 'object') return 1;
  return Math.max(
    0,
    ...Object.values(populate as Record<string, unknown>).map((entry) => 1 + nestedDepth(entry)),
  );
};

const nestedDepth = (entry: unknown): number => {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return 0;
  const options = entry as { populate?: unknown; on?: Record<string, unknown> };
  const fromOn = options.on ? Math.max(0, ...Object.values(options.on).map(nestedDepth)) : 0;
  return Math.max(populateDepth(options.populate), fromOn);
};

export const MAX_POPULATE_DEPTH = 2;
