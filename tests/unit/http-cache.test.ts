import { cacheKey } from '../../src/http-cache/cache-key';
import { ifNoneMatchHits, strongEtag } from '../../src/http-cache/etag';
import { ResponseCache } from '../../src/http-cache/response-cache';

const response = (text: string) => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from(text), etag: strongEtag(text) });

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
    cache.set('k', response('one'), cache.generation);
    expect(cache.get('k')?.body.toString()).toBe('one');
    cache.clear();
    expect(cache.get('k')).toBeUndefined();
  });

  it('does not store a response computed before a clear', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 60_000 });
    const startedAt = cache.generation;
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

  it('tells listeners about every clear (for other instances)', () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 60_000 });
    const reasons: string[] = [];
    cache.onClear((reason) => reasons.push(reason));
    cache.clear('publish api::city.city');
    expect(reasons).toEqual(['publish api::city.city']);
  });

  it('forgets an entry after its lifetime, even if no clear ever comes', async () => {
    const cache = new ResponseCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 150 });
    cache.set('k', response('one'), cache.generation);
    expect(cache.get('k')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(cache.get('k')).toBeUndefined();
  });
});
