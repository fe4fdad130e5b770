import { publicReadProblem } from '../../src/middlewares/public-api-guard';

describe('public read rules', () => {
  it('refuses drafts on reads only', () => {
    expect(publicReadProblem('GET', { status: 'draft' })).toMatch(/^status: /);
    expect(publicReadProblem('HEAD', { status: 'draft' })).toMatch(/^status: /);
    expect(publicReadProblem('GET', { status: 'published' })).toBeUndefined();
    expect(publicReadProblem('POST', { status: 'draft' })).toBeUndefined();
  });

  it('refuses populate deeper than two levels', () => {
    expect(publicReadProblem('GET', { populate: 'city.partnerships' })).toBeUndefined();
    expect(publicReadProblem('GET', { populate: 'city.partnerships.themes' })).toMatch(/^populate: at most 2 levels .*asked for 3/);
  });
});
