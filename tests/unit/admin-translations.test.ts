import fs from 'fs';
import path from 'path';
import { IntlMessageFormat } from 'intl-messageformat';
import { AUDIT_LOG_READ, SCHEDULED_READ, TRANSLATIONS_READ } from '../../src/admin/permissions';
import { AUDIT_LOG_READ as SERVER_AUDIT_LOG_READ, PAGE_ACTIONS, SCHEDULED_READ as SERVER_SCHEDULED_READ, TRANSLATIONS_READ as SERVER_TRANSLATIONS_READ } from '../../src/bootstrap/admin-permissions';

import { STRAPI_PREVIEW_TRANSLATIONS } from '../../src/admin/strapi-translations';

const DIR = path.join(__dirname, '../../src/admin/translations');
const read = (locale: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(DIR, `${locale}.json`), 'utf8'));
const en = read('en');
const LOCALES = ['fr', 'de', 'cs', 'zh-Hans'];

/** Messages that are the same word in a language as in English, checked by hand. */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  fr: ['translations.languageOption', 'translations.column.type', 'translations.column.document', 'audit.type', 'audit.column.action', 'audit.column.document', 'scheduled.column.action', 'scheduled.column.document', 'schedule.action', 'schedule.date', 'history.entry'],
  de: ['translations.languageOption', 'audit.system', 'history.entry'],
  cs: ['translations.languageOption', 'history.entry'],
  'zh-Hans': [],
};

/** Sample values for every placeholder a message may use. */
const VALUES = { count: 3, fields: 'countryCode, city', units: 2, created: 1, updated: 1, locale: 'fr', current: 5, outdated: 1, missing: 0, language: 'X', labels: 'A, B', reasons: 'r', label: 'L', type: 'T', field: 'summary', name: 'N', code: 'fr', page: 1, pageCount: 2, unknown: 0, stale: 1, tags: 2, fileLanguage: 'de', seconds: 42, action: 'Publish', when: 'Mon 3 Mar 2025, 14:00 GMT', who: 'Jane Smith', reason: 'R' };

describe("the admin panel's own messages", () => {
  it.each(LOCALES)('%s has every English message, no other, each a real translation', (locale) => {
    const messages = read(locale);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    const untranslated = Object.keys(en).filter((id) => messages[id] === en[id] && !SAME_AS_ENGLISH[locale].includes(id));
    expect(untranslated).toEqual([]);
  });

  it.each(['en', ...LOCALES])('%s: every message is valid ICU and uses only the placeholders the English one does', (locale) => {
    const messages = read(locale);
    const ICU_LOCALE = locale === 'en' ? 'en-GB' : locale;
    for (const [id, text] of Object.entries(messages)) {
      const formatted = String(new IntlMessageFormat(text, ICU_LOCALE).format(VALUES));
      expect({ id, formatted }).toEqual({ id, formatted: expect.not.stringMatching(/[{}]/) });
      const placeholders = (source: string) => [...source.matchAll(/\{(\w+)[,}]/g)].map((match) => match[1]).filter((name) => name !== 'count' || source.includes('{count')).sort();
      expect({ id, placeholders: [...new Set(placeholders(text))] }).toEqual({ id, placeholders: [...new Set(placeholders(en[id]))] });
    }
  });

  it('Czech counts use its plural forms', () => {
    const czech = read('cs');
    const format = (id: string, count: number) => String(new IntlMessageFormat(czech[id], 'cs').format({ ...VALUES, count }));
    expect([1, 3, 7].map((count) => format('translations.needWork', count))).toEqual(['1 dokument potřebuje práci', '3 dokumenty potřebují práci', '7 dokumentů potřebuje práci']);
  });

  it('the menu permissions the panel asks for are the ones the server registers', () => {
    expect([AUDIT_LOG_READ, TRANSLATIONS_READ, SCHEDULED_READ]).toEqual([SERVER_AUDIT_LOG_READ, SERVER_TRANSLATIONS_READ, SERVER_SCHEDULED_READ]);
    expect(PAGE_ACTIONS.map((action) => `api::${action.uid}`)).toEqual([AUDIT_LOG_READ, TRANSLATIONS_READ, SCHEDULED_READ]);
  });
});

describe("Strapi's Preview strings where Strapi has none", () => {
  const strapiMessages = (locale: string): Record<string, string> =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(__dirname, '../../node_modules/@strapi/content-manager/dist/admin/translations', `${locale}.json.js`)).default;
  const previewIds = Object.keys(strapiMessages('en')).filter((id) => /^preview\.(panel\.(title|button|button-disabled-tooltip)|page-title|header\.close|copy\.(label|success)|tabs\.label)$/.test(id));

  it.each(Object.keys(STRAPI_PREVIEW_TRANSLATIONS))('%s covers the Preview strings staff meet, under Strapi\'s own ids, with its placeholders', (locale) => {
    const ours = STRAPI_PREVIEW_TRANSLATIONS[locale];
    expect(Object.keys(ours).sort()).toEqual(previewIds.map((id) => `content-manager.${id}`).sort());
    for (const id of previewIds) expect(new IntlMessageFormat(ours[`content-manager.${id}`], locale).format({ contentType: 'City' })).not.toContain('{');
    // Only where Strapi has none: its own translations win where they exist.
    expect(previewIds.filter((id) => strapiMessages(locale)[id] !== undefined)).toEqual([]);
  });
});
