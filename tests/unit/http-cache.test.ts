import { cacheKey } from '../../src/http-cache/cache-key';
import { ifNoneMatchHits, strongEtag } from '../../src/http-cache/etag';
import { ResponseCache } from '../../src/http-cache/response-cache';

const response = (text: string, tags: string[] = ['all']) => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from(text), etag: strongEtag(text), tags });

describe('cache keys', () => {
  it('do not depend on the order of different parameters', () => {
    expect(cacheKey('/api/cities', 'locale=fr&sort=name')).toBe(cacheKey('/api/cities', 'sort=name&locale=fr'));
  });

  it('keep the order of a repeated parameter, and tell locales, paths and origins apart', () => {
    expect(cacheKey('/api/cities', 'sort=a&sort=b')).not.toBe(cacheKey('/api/cities', 'sort=b&sort=a'));
    expect(cacheKey('/api/cities', 'locale=fr')).not.toBe(cacheKey('/api/cities', 'locale=de'));
    expect(cacheKey('/api/cities', '')).not.toBe(cacheKey('/api/themes', ''));
    expect(cacheKey('/api/cities', '', 'https://a.example')).not.toBe(cacheKey('/api/cities', '', 'https://b.example'));
  });

  it('treat encoded and plain brackets alike', () => {
    expect(cacheKey('/api/cities', 'populate%5Bcity%5D=true')).toBe(cacheKey('/api/cities', 'populate[city]=true'));
  });
});

describe('strong ETags', () => {
  it('are quoted, equal for equal bytes and different for different bytes', () => {
    expect(strongEtag('{"a":1}')).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(strongEtag('{"a":1}')).toBe(strongEtag(Buffer.from('{"a":1}')));
    expect(strongEtag('{"a":1}')).not.toBe(strongEtag('{"a":2}'));
  });
});

describe('If-None-Match', () => {
  it('matches the tag in a list, weakly, or with *', () => {
    expect(ifNoneMatchHits('"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchHits('"x", W/"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchHits('*', '"abc"')).toBe(true);
    expect(ifNoneMatchHits('"abd"', '"abc"')).toBe(false);
    expect(ifNoneMatchHits(undefined, '"abc"')).toBe(false);
    expect(ifNoneMatchHits('', '"abc"')).toBe(false);
  });
});

describe('ResponseCache', () => {
  it('returns what was stored until cleared', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 60_000 });
    cache.set('k', response('one'), cache.mark());
    expect(cache.get('k')?.body.toString()).toBe('one');
    cache.clear();
    expect(cache.get('k')).toBeUndefined();
  });

  it('does not store a response computed before a clear', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 60_000 });
    const startedAt = cache.mark();
    cache.clear('publish');
    expect(cache.set('k', response('stale'), startedAt)).toBe(false);
    expect(cache.get('k')).toBeUndefined();
  });

  it('evicts the least recently used entries beyond its entry and byte bounds', () => {
    const byCount = new ResponseCache({ maxEntries: 2, maxBytes: 1_000_000, ttlMs: 60_000 });
    byCount.set('a', response('a'), 0);
    byCount.set('b', response('b'), 0);
    byCount.get('a');
    byCount.set('c', response('c'), 0);
    expect([byCount.get('a'), byCount.get('b'), byCount.get('c')].map(Boolean)).toEqual([true, false, true]);

    const byBytes = new ResponseCache({ maxEntries: 100, maxBytes: 3000, ttlMs: 60_000 });
    for (const key of ['x', 'y', 'z']) byBytes.set(key, response('.'.repeat(1000)), 0);
    expect(byBytes.size).toBeLessThan(3);
    expect(byBytes.get('z')).toBeDefined();
  });

  it('tells listeners about every invalidation (for other instances and the edge)', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 60_000 });
    const heard: unknown[] = [];
    cache.onInvalidate((invalidation) => heard.push(invalidation));
    cache.invalidate(['d:abc', 'l:city'], 'publish api::city.city');
    cache.clear('permissions', 'remote');
    expect(heard).toEqual([
      { tags: ['d:abc', 'l:city'], reason: 'publish api::city.city', origin: 'local' },
      { tags: 'all', reason: 'permissions', origin: 'remote' },
    ]);
  });

  const tagged = () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 60_000 });
    cache.set('lille', response('Lille', ['all', 'd:lille']), cache.mark());
    cache.set('brno', response('Brno', ['all', 'd:brno']), cache.mark());
    cache.set('cities', response('[Lille, Brno]', ['all', 'l:city', 'd:lille', 'd:brno']), cache.mark());
    cache.set('themes', response('[Peace]', ['all', 'l:theme', 'd:peace']), cache.mark());
    return cache;
  };
  const present = (cache: ResponseCache) => ['lille', 'brno', 'cities', 'themes'].filter((key) => cache.get(key));

  it('drops only the entries carrying an invalidated tag', () => {
    const cache = tagged();
    cache.invalidate(['d:lille', 'l:city', 't:city', 'g'], 'update Lille');
    expect(present(cache)).toEqual(['brno', 'themes']);
    cache.invalidate(['d:nothing'], 'unrelated');
    expect(present(cache)).toEqual(['brno', 'themes']);
  });

  it('drops everything for the tag on every response, and in clear-all mode for any tag', () => {
    const all = tagged();
    all.invalidate(['all'], 'media');
    expect(present(all)).toEqual([]);
    const coarse = new ResponseCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 60_000, precise: false });
    coarse.set('themes', response('[Peace]', ['all', 'l:theme']), coarse.mark());
    coarse.invalidate(['d:lille'], 'update Lille');
    expect(coarse.get('themes')).toBeUndefined();
  });

  it('refuses a response computed across an invalidation of its tags, and only of its tags', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 60_000 });
    const mark = cache.mark();
    cache.invalidate(['d:lille', 'l:city'], 'update Lille');
    expect(cache.set('cities', response('old list', ['all', 'l:city']), mark)).toBe(false);
    expect(cache.set('themes', response('themes', ['all', 'l:theme']), mark)).toBe(true);
    expect(cache.changedSince(mark, ['d:brno'])).toBe(false);
    expect(cache.changedSince(mark, ['d:lille'])).toBe(true);
  });

  it('forgets the tags of entries it evicted, so a later invalidation does not touch their replacements', () => {
    const cache = new ResponseCache({ maxEntries: 1, maxBytes: 1_000_000, ttlMs: 60_000 });
    cache.set('a', response('a', ['all', 'd:a']), cache.mark());
    cache.set('b', response('b', ['all', 'd:b']), cache.mark());
    cache.set('a', response('a again', ['all', 'd:c']), cache.mark());
    cache.invalidate(['d:a'], 'update a');
    expect(cache.get('a')?.body.toString()).toBe('a again');
  });

  it('cannot tell about a mark older than the invalidations it remembers, so does not store', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 60_000 });
    const mark = cache.mark();
    for (let index = 0; index < 1100; index += 1) cache.invalidate([`d:${index}`], 'many writes');
    expect(cache.set('k', response('k', ['all', 'd:unrelated']), mark)).toBe(false);
  });

  it('forgets an entry after its lifetime, even if no clear ever comes', async () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 150 });
    cache.set('k', response('one'), cache.mark());
    expect(cache.get('k')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(cache.get('k')).toBeUndefined();
  });
});
