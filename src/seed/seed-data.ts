import fs from 'fs';
import path from 'path';
import { DEFAULT_LOCALE, SUPPORTED_LOCALE_CODES } from '../locales/locales';
import { type RichTextSource, toBlocks } from '../domain/rich-text';

/**
 * The seed content lives in database/seed/<folder>/: `base.json` holds what every locale shares
 * (keys, codes, years, relations by key) and `<locale>.json` the text of one language, keyed like
 * base.json, so that translators can work on one file.
 */
export const SEED_TYPES = [
  { folder: 'themes', uid: 'api::theme.theme', relations: {} },
  { folder: 'cities', uid: 'api::city.city', relations: {} },
  { folder: 'partnerships', uid: 'api::partnership.partnership', relations: { city: 'cities', themes: 'themes' } },
  { folder: 'projects', uid: 'api::project.project', relations: { partnerships: 'partnerships', themes: 'themes' } },
  {
    folder: 'international-relations-page',
    uid: 'api::international-relations-page.international-relations-page',
    relations: { partnerships: 'partnerships' },
    single: true,
  },
] as const;

export type SeedFolder = (typeof SEED_TYPES)[number]['folder'];
const RICH_TEXT_FIELDS = ['description', 'intro'];

type Json = Record<string, any>;
export type SeedEntry = { key: string; base: Json; text: Record<string, Json> };
export type SeedData = Record<SeedFolder, SeedEntry[]>;

/** The key of a single type's only entry. */
export const SINGLE_KEY = 'page';

const readJson = (file: string): any => JSON.parse(fs.readFileSync(file, 'utf8'));

export const loadSeedData = (dir: string): SeedData => {
  const data = {} as SeedData;
  for (const type of SEED_TYPES) {
    const folder = path.join(dir, type.folder);
    const single = 'single' in type && type.single;
    const baseEntries: Json[] = single ? [{ key: SINGLE_KEY, ...readJson(path.join(folder, 'base.json')) }] : readJson(path.join(folder, 'base.json'));
    const textByLocale = Object.fromEntries(
      SUPPORTED_LOCALE_CODES.map((locale) => {
        const text = readJson(path.join(folder, `${locale}.json`));
        return [locale, single ? { [SINGLE_KEY]: text } : text];
      }),
    ) as Record<string, Record<string, Json>>;
    data[type.folder] = baseEntries.map(({ key, ...base }) => ({
      key,
      base,
      text: Object.fromEntries(SUPPORTED_LOCALE_CODES.map((locale) => [locale, textByLocale[locale][key]])),
    }));
  }
  return data;
};

/** Every way the files can disagree with each other; empty when the seed is consistent. */
export const seedDataProblems = (data: SeedData): string[] => {
  const problems: string[] = [];
  const keysOf = (folder: SeedFolder) => new Set(data[folder].map((entry) => entry.key));
  for (const type of SEED_TYPES) {
    for (const entry of data[type.folder]) {
      for (const locale of SUPPORTED_LOCALE_CODES) {
        const text = entry.text[locale];
        if (!text) {
          problems.push(`${type.folder}/${locale}.json: no entry for "${entry.key}"`);
          continue;
        }
        const baseOrgs = entry.base.organisations ?? [];
        if (text.organisations && text.organisations.length !== baseOrgs.length) {
          problems.push(`${type.folder}/${locale}.json "${entry.key}": ${text.organisations.length} organisations, base.json has ${baseOrgs.length}`);
        }
      }
      for (const [field, targetFolder] of Object.entries(type.relations) as Array<[string, SeedFolder]>) {
        const targets = keysOf(targetFolder);
        for (const key of [entry.base[field]].flat().filter(Boolean)) {
          if (!targets.has(key)) problems.push(`${type.folder}/base.json "${entry.key}": ${field} "${key}" is not in ${targetFolder}`);
        }
      }
    }
  }
  return problems;
};

/**
 * The Document Service data for one locale version of a seed entry; relations are resolved
 * through `documentIdOf(folder, key)`.
 */
export const documentData = (
  type: (typeof SEED_TYPES)[number],
  entry: SeedEntry,
  locale: string,
  documentIdOf: (folder: SeedFolder, key: string) => string,
): Json => {
  const { organisations: baseOrganisations, ...shared } = entry.base;
  for (const field of Object.keys(type.relations)) delete shared[field];
  const { organisations: localOrganisations, ...text } = entry.text[locale];
  const data: Json = { ...(locale === DEFAULT_LOCALE ? shared : {}), ...text };
  for (const field of RICH_TEXT_FIELDS) {
    if (Array.isArray(data[field])) data[field] = toBlocks(data[field] as RichTextSource);
  }
  if (baseOrganisations) {
    data.organisations = (baseOrganisations as Json[]).map((organisation, index) => ({ ...organisation, ...(localOrganisations?.[index] ?? {}) }));
  }
  for (const [field, targetFolder] of Object.entries(type.relations) as Array<[string, SeedFolder]>) {
    const value = entry.base[field];
    if (value === undefined) continue;
    data[field] = Array.isArray(value) ? value.map((key) => documentIdOf(targetFolder, key)) : documentIdOf(targetFolder, value);
  }
  if (!('single' in type)) data.slug = entry.key;
  return data;
};
