import { sameVersion, versionData, versionDiff } from '../../src/history/snapshot';

const attributes = {
  name: { type: 'string' },
  population: { type: 'integer' },
  city: { type: 'relation', relation: 'manyToOne' },
  themes: { type: 'relation', relation: 'manyToMany' },
  image: { type: 'media' },
  organisations: { type: 'component', repeatable: true },
  updatedAt: { type: 'datetime' },
  localizations: { type: 'relation', relation: 'oneToMany' },
};

describe('version snapshots', () => {
  const row = {
    id: 7,
    documentId: 'doc',
    name: 'Lille',
    population: 236234,
    city: { id: 3, documentId: 'city-doc' },
    themes: [{ id: 1, documentId: 'culture' }, { id: 2, documentId: 'youth' }],
    image: { id: 12, url: '/x.png' },
    organisations: [{ id: 99, name: 'Ville de Lille', role: 'Partner council' }],
    updatedAt: '2026-11-30T10:00:00.000Z',
    localizations: [],
  };

  it('keep fields, relations as documentIds, media as ids, components without row ids, no system fields', () => {
    expect(versionData(attributes, row)).toEqual({
      name: 'Lille',
      population: 236234,
      city: 'city-doc',
      themes: ['culture', 'youth'],
      image: 12,
      organisations: [{ name: 'Ville de Lille', role: 'Partner council' }],
    });
    // Key order does not matter (jsonb reorders keys), nor do row ids (a published copy has others).
    expect(sameVersion({ b: 1, a: { d: 2, c: [1] } }, { a: { c: [1], d: 2 }, b: 1 })).toBe(true);
    expect(sameVersion({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameVersion(versionData(attributes, row), versionData(attributes, { ...row, id: 8, city: { id: 30, documentId: 'city-doc' }, organisations: [{ id: 100, name: 'Ville de Lille', role: 'Partner council' }] }))).toBe(true);
  });

  it('diff field by field against the current draft, or against nothing', () => {
    const version = versionData(attributes, row);
    const current = { ...version, population: 240000, themes: ['culture'] };
    expect(versionDiff(attributes, version, current)).toEqual([
      { field: 'population', version: 236234, current: 240000 },
      { field: 'themes', version: ['culture', 'youth'], current: ['culture'] },
    ]);
    expect(versionDiff(attributes, version, null).map((change) => change.field)).toEqual(['name', 'population', 'city', 'themes', 'image', 'organisations']);
  });
});
