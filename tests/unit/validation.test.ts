import { relationIsEmptied, validateContent } from '../../src/domain/validation';

const options = { currentYear: 2026 };
const city = { name: 'Lille', countryCode: 'FR' };
const partnership = { title: 'Leeds and Lille', startYear: 1968 };
const fields = (uid: string, values: Record<string, unknown>) => validateContent(uid, values, options).map((problem) => problem.path.join('.'));

describe('content rules', () => {
  it('accepts the seed-like documents', () => {
    expect(fields('api::city.city', { ...city, latitude: 50.6, longitude: 3.06, population: 0, wikidataId: 'Q648', website: 'https://www.lille.fr' })).toEqual([]);
    expect(fields('api::partnership.partnership', { ...partnership, endYear: 1968, kind: 'twinning', partnershipStatus: 'active' })).toEqual([]);
    expect(fields('api::project.project', { title: 'CIVIC', startYear: 2030, projectStatus: 'planned' })).toEqual([]);
  });

  it.each([
    ['countryCode', { countryCode: 'fr' }],
    ['countryCode', { countryCode: 'XX' }],
    ['countryCode', { countryCode: undefined }],
    ['latitude', { latitude: 90.5 }],
    ['latitude', { latitude: 'north' }],
    ['longitude', { longitude: -180.01 }],
    ['population', { population: -1 }],
    ['population', { population: 1.5 }],
    ['wikidataId', { wikidataId: 'q648' }],
    ['wikidataId', { wikidataId: 'Q' }],
    ['website', { website: 'www.lille.fr' }],
    ['website', { website: 'javascript:alert(1)' }],
    ['name', { name: '  ' }],
  ])('city: %s is refused for %j', (field, change) => {
    expect(fields('api::city.city', { ...city, ...change })).toEqual([field]);
  });

  it.each([
    ['startYear', { startYear: 1899 }],
    ['startYear', { startYear: 2027 }],
    ['startYear', { startYear: undefined }],
    ['endYear', { endYear: 1967 }],
    ['endYear', { endYear: 2027 }],
    ['kind', { kind: 'sister-city' }],
    ['partnershipStatus', { partnershipStatus: 'paused' }],
    ['organisations.1.url', { organisations: [{ name: 'A' }, { name: 'B', url: 'ftp://b' }] }],
    ['organisations.0.countryCode', { organisations: [{ name: 'A', countryCode: 'England' }] }],
    ['organisations.0.name', { organisations: [{ role: 'no name' }] }],
  ])('partnership: %s is refused for %j', (field, change) => {
    expect(fields('api::partnership.partnership', { ...partnership, ...change })).toEqual([field]);
  });

  it('lets projects be planned up to ten years ahead, not more', () => {
    expect(fields('api::project.project', { title: 'Future', startYear: 2036 })).toEqual([]);
    expect(fields('api::project.project', { title: 'Future', startYear: 2037 })).toEqual(['startYear']);
    expect(fields('api::project.project', { title: 'Backwards', startYear: 2012, endYear: 2011 })).toEqual(['endYear']);
  });

  it('names the field and the value in each message', () => {
    const [problem] = validateContent('api::city.city', { ...city, countryCode: 'UK' }, options);
    expect(problem.message).toMatch(/^countryCode: .*ISO 3166-1 alpha-2.*"UK"/);
  });

  it('reports every problem at once', () => {
    expect(fields('api::city.city', { name: '', countryCode: 'X', latitude: 100 })).toEqual(['name', 'countryCode', 'latitude']);
  });
});

describe('relationIsEmptied', () => {
  it.each([
    [undefined, undefined],
    [null, true],
    ['', true],
    ['abc123', false],
    [{ documentId: 'abc' }, false],
    [{ set: [] }, true],
    [{ set: ['abc'] }, false],
    [{ connect: [{ documentId: 'abc' }], disconnect: [] }, false],
    [{ connect: [], disconnect: [{ documentId: 'abc' }] }, true],
    [{ connect: [], disconnect: [] }, undefined],
    [[], true],
  ])('%j → %p', (value, emptied) => {
    expect(relationIsEmptied(value)).toBe(emptied);
  });
});
