import { MAX_POPULATE_DEPTH, populateDepth } from '../../src/domain/populate';

describe('populateDepth', () => {
  it.each([
    [undefined, 0],
    ['*', 1],
    ['city', 1],
    ['city,themes', 1],
    ['city.partnerships', 2],
    ['city.partnerships.themes', 3],
    [['city', 'themes.projects'], 2],
    [['projects.themes.partnerships'], 3],
    [{ city: true }, 1],
    [{ city: { fields: ['name'] } }, 1],
    [{ city: { populate: { partnerships: true } } }, 2],
    [{ city: { populate: '*' } }, 2],
    [{ city: { populate: { partnerships: { populate: { themes: true } } } } }, 3],
    [{ city: { populate: ['partnerships.themes'] } }, 3],
    [{ blocks: { on: { 'shared.quote': { populate: { author: true } } } } }, 2],
  ])('%j → %d', (populate, depth) => {
    expect(populateDepth(populate)).toBe(depth);
  });

  it('allows two levels', () => {
    expect(MAX_POPULATE_DEPTH).toBe(2);
  });
});
