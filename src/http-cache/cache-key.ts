/**
 * The shared-cache key of a request: path, the query with its parameters in a stable order
 * (so `?locale=fr&sort=x` and `?sort=x&locale=fr` share an entry; the order of repeated
 * parameters is kept since it can matter, e.g. sort[0], sort[1]) and the Origin, because CORS
 * headers differ per origin.
 */
export const cacheKey = (path: string, querystring: string, origin = ''): string => {
  const pairs = querystring
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const [name, ...value] = pair.split('=');
      return [safeDecode(name), safeDecode(value.join('='))] as const;
    });
  const ordered = pairs
    .map((pair, index) => ({ pair, index }))
    .sort((a, b) => (a.pair[0] < b.pair[0] ? -1 : a.pair[0] > b.pair[0] ? 1 : a.index - b.index))
    .map(({ pair }) => `${encodeURIComponent(pair[0])}=${encodeURIComponent(pair[1])}`);
  return `${origin} ${path}?${ordered.join('&')}`;
};

const safeDecode = (value: string) => {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
};
