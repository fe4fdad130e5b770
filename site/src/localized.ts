import { blocksHaveText, blocksToHtml } from './blocks';
import { escapeHtml } from './html';
import type { Entry } from './cms';

/**
 * A field as the page shows it: its value, and the language it is in when that is not the page's
 * (a translation not made yet is shown in English, marked `lang="en"` so that screen readers read
 * it as English and the reader is told).
 */
export type Text = { value: string; lang?: string };
export type Html = { html: string; lang?: string };

export const DEFAULT_LOCALE = 'en';

const hasText = (value: unknown) => (typeof value === 'string' ? value.trim() !== '' : blocksHaveText(value));

/**
 * Reads an entry's fields for a page in `pageLocale`. The entry may itself be the English version
 * (the API's fallbackLocale served it because the document has no version in the page's locale);
 * a field left empty in a translation is taken from `english` when given.
 */
export const localizer = (entry: Entry, pageLocale: string, english?: Entry | null) => {
  const inOther = (locale: string) => (locale === pageLocale ? undefined : locale);
  const source = (field: string): { value: unknown; lang?: string } | undefined => {
    if (hasText(entry[field])) return { value: entry[field], lang: inOther(entry.locale) };
    if (english && hasText(english[field])) return { value: english[field], lang: inOther(english.locale) };
    return undefined;
  };
  return {
    text(field: string): Text | undefined {
      const found = source(field);
      return found && { value: String(found.value), lang: found.lang };
    },
    html(field: string): Html | undefined {
      const found = source(field);
      return found && { html: typeof found.value === 'string' ? `<p class="govuk-body">${escapeHtml(found.value)}</p>` : blocksToHtml(found.value), lang: found.lang };
    },
    /** Whether any of these fields is empty in the translation (so the English version is worth fetching). */
    missing(fields: string[]): boolean {
      return pageLocale !== DEFAULT_LOCALE && entry.locale === pageLocale && fields.some((field) => !hasText(entry[field]));
    },
  };
};

/** The title of a related entry, in the language it was served in. */
export const titleOf = (entry: Entry, pageLocale: string, field = 'title'): Text => ({
  value: String(entry[field] ?? entry.name ?? entry.title ?? ''),
  lang: entry.locale && entry.locale !== pageLocale ? entry.locale : undefined,
});
