import { firstFreeSlug, SLUG_PATTERN, slugify } from '../../src/domain/slug';

describe('slugify', () => {
  it.each([
    ['Leeds and Lille', 'leeds-and-lille'],
    ['Democracy Days alongside DortBUNT!', 'democracy-days-alongside-dortbunt'],
    ['Leeds’ 2023 year of culture', 'leeds-2023-year-of-culture'],
    ['Brno – Jihomoravský kraj', 'brno-jihomoravsky-kraj'],
    ['Straße in Köln', 'strasse-in-koln'],
    ['Łódź', 'lodz'],
    ['  --Hangzhou--  ', 'hangzhou'],
  ])('%s → %s', (text, slug) => {
    expect(slugify(text)).toBe(slug);
    expect(slug).toMatch(SLUG_PATTERN);
  });

  it('gives an empty string for text without Latin letters or digits', () => {
    expect(slugify('杭州')).toBe('');
  });

  it('keeps slugs short and never ends them with a hyphen', () => {
    const slug = slugify(`${'word '.repeat(40)}end`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(SLUG_PATTERN);
  });
});

describe('firstFreeSlug', () => {
  it('numbers the slug from 2 until one is free', async () => {
    const taken = new Set(['lille', 'lille-2']);
    expect(await firstFreeSlug('lille', async (candidate) => taken.has(candidate))).toBe('lille-3');
    expect(await firstFreeSlug('brno', async (candidate) => taken.has(candidate))).toBe('brno');
  });
});
