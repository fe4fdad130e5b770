import path from 'path';
import { SUPPORTED_LOCALE_CODES } from '../../src/locales/locales';
import { blocksToText } from '../../src/domain/rich-text';
import { documentData, loadSeedData, seedDataProblems, SEED_TYPES } from '../../src/seed/seed-data';

const SEED_DIR = path.resolve(__dirname, '..', '..', 'database', 'seed');

describe('seed files', () => {
  const data = loadSeedData(SEED_DIR);

  it('agree with each other (keys, organisations, relation targets)', () => {
    expect(seedDataProblems(data)).toEqual([]);
  });

  it('have every entry in every locale with the same rich-text shape', () => {
    for (const type of SEED_TYPES) {
      for (const entry of data[type.folder]) {
        const english = entry.text.en;
        for (const locale of SUPPORTED_LOCALE_CODES) {
          const text = entry.text[locale];
          expect({ type: type.folder, key: entry.key, locale, fields: Object.keys(text).sort() }).toEqual({
            type: type.folder,
            key: entry.key,
            locale,
            fields: Object.keys(english).sort(),
          });
          for (const field of ['description', 'intro']) {
            if (!Array.isArray(english[field])) continue;
            const shape = (source: any[]) => source.map((item) => (typeof item === 'string' ? 'p' : `list:${item.list.length}`));
            expect(shape(text[field])).toEqual(shape(english[field]));
          }
        }
      }
    }
  });

  it('finds a problem when a translation misses an entry', () => {
    const broken = loadSeedData(SEED_DIR);
    delete (broken.cities[0].text as any).fr;
    expect(seedDataProblems(broken)).toEqual([`cities/fr.json: no entry for "${broken.cities[0].key}"`]);
  });

  it('builds Document Service data with blocks, merged organisations and resolved relations', () => {
    const type = SEED_TYPES.find((t) => t.folder === 'partnerships')!;
    const siegen = data.partnerships.find((entry) => entry.key === 'leeds-siegen')!;
    const built = documentData(type, siegen, 'de', (folder, key) => `${folder}/${key}`);
    expect(built.city).toBe('cities/siegen');
    expect(built.themes).toContain('themes/peace');
    expect(built.slug).toBe('leeds-siegen');
    expect(built.startYear).toBeUndefined(); // shared fields come from English through i18n
    expect(built.organisations[0]).toMatchObject({ name: 'Morley Circle', countryCode: 'DE' });
    expect(built.organisations[0].role).not.toBe(siegen.text.en.organisations[0].role);
    expect(blocksToText(built.description)).toContain('Herbstzeitlos');

    const english = documentData(type, siegen, 'en', (folder, key) => `${folder}/${key}`);
    expect(english).toMatchObject({ startYear: 1966, kind: 'twinning', partnershipStatus: 'active' });
  });
});
