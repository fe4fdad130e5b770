import type { CmsClient, Entry } from './cms';
import { localizer, titleOf, type Html, type Text } from './localized';
import { PAGE_TYPES, pagePath, type PageKind } from './page-types';
import { safeHref } from './html';

/**
 * What each page shows, built from API entries. The same functions build a public page and its
 * preview: only where the entries come from differs (the public API, or the CMS's preview
 * endpoint for a signed link).
 */
export type Link = { href: string; text: Text; hint?: string };
export type Fact = { key: string; value: Text; href?: string };
export type PageView = {
  kind: PageKind;
  title: Text;
  caption?: Text;
  lead?: Text;
  body?: Html;
  facts: Fact[];
  sections: Array<{ heading: 'partnerships' | 'projects' | 'themes' | 'organisations' | 'origin'; links?: Link[]; text?: Text }>;
  /** The page's content is not in the page's language at all (the whole document fell back to English). */
  untranslated: boolean;
  /** Slug for the language switcher and hreflang links (none for the single page). */
  slug?: string;
};

/** The localized fields each page shows: when one is empty in a translation, the English version is fetched for it. */
const SHOWN_FIELDS: Record<PageKind, string[]> = {
  home: ['title', 'intro'],
  partnership: ['title', 'summary', 'description', 'origin', 'dateNote'],
  project: ['title', 'summary', 'description'],
  theme: ['name', 'description'],
  city: ['name', 'country', 'region', 'summary', 'description'],
};

const link = (kind: PageKind, entry: Entry, locale: string, field = 'title'): Link => ({
  href: pagePath(locale, kind, entry.slug),
  text: titleOf(entry, locale, field),
});

const list = (value: unknown): Entry[] => (Array.isArray(value) ? (value as Entry[]) : []);

/** A row of the page's facts when there is a value to show, none otherwise. */
const factIf = (key: string, value: Text | undefined, href?: string): Fact[] => (value ? [{ key, value, href }] : []);

/** The entry's website as a fact, when it is a link the site may print. */
const websiteFact = (entry: Entry): Fact[] => {
  const href = safeHref(entry.website);
  return factIf('website', href ? { value: String(entry.website) } : undefined, href);
};

const partnershipLinks = (entries: Entry[], locale: string): Link[] => entries.map((partnership) => link('partnership', partnership, locale));

const organisations = (entry: Entry, locale: string): Link[] =>
  list(entry.organisations).map((organisation) => ({
    href: safeHref(organisation.url) ?? '',
    text: { value: String(organisation.name ?? ''), lang: entry.locale !== locale ? entry.locale : undefined },
    hint: organisation.role ?? undefined,
  }));

const years = (entry: Entry, dateNote?: Text): Text | undefined => {
  if (dateNote) return dateNote;
  if (!entry.startYear) return undefined;
  return { value: entry.endYear ? `${entry.startYear}–${entry.endYear}` : String(entry.startYear) };
};

/** Builds a page from its entry (and, for empty translated fields, the English version). */
export const pageView = (kind: PageKind, entry: Entry, locale: string, english?: Entry | null): PageView => {
  const field = localizer(entry, locale, english);
  const base = { kind, facts: [] as Fact[], sections: [] as PageView['sections'], untranslated: entry.locale !== locale, slug: entry.slug };
  const sectionIf = (heading: PageView['sections'][number]['heading'], links: Link[]) => (links.length ? [{ heading, links }] : []);
  switch (kind) {
    case 'home':
      return {
        ...base,
        title: field.text('title') ?? { value: '' },
        body: field.html('intro'),
        sections: sectionIf('partnerships', partnershipLinks(list(entry.partnerships), locale)),
      };
    case 'partnership': {
      const city = entry.city as Entry | undefined;
      return {
        ...base,
        title: field.text('title') ?? { value: '' },
        caption: city ? titleOf(city, locale, 'name') : undefined,
        lead: field.text('summary'),
        body: field.html('description'),
        facts: [
          ...factIf('partnerCity', city && titleOf(city, locale, 'name'), city && pagePath(locale, 'city', city.slug)),
          ...factIf('country', city?.country ? titleOf(city, locale, 'country') : undefined),
          ...factIf('since', years(entry, field.text('dateNote'))),
        ],
        sections: [
          ...(field.text('origin') ? [{ heading: 'origin' as const, text: field.text('origin') }] : []),
          ...sectionIf('themes', list(entry.themes).map((theme) => link('theme', theme, locale, 'name'))),
          ...sectionIf('projects', list(entry.projects).map((project) => link('project', project, locale))),
          ...sectionIf('organisations', organisations(entry, locale)),
        ],
      };
    }
    case 'project':
      return {
        ...base,
        title: field.text('title') ?? { value: '' },
        lead: field.text('summary'),
        body: field.html('description'),
        facts: [
          ...factIf('years', years(entry)),
          ...websiteFact(entry),
        ],
        sections: [
          ...sectionIf('partnerships', partnershipLinks(list(entry.partnerships), locale)),
          ...sectionIf('themes', list(entry.themes).map((theme) => link('theme', theme, locale, 'name'))),
          ...sectionIf('organisations', organisations(entry, locale)),
        ],
      };
    case 'theme':
      return {
        ...base,
        title: field.text('name') ?? { value: '' },
        lead: field.text('description'),
        sections: [
          ...sectionIf('partnerships', partnershipLinks(list(entry.partnerships), locale)),
          ...sectionIf('projects', list(entry.projects).map((project) => link('project', project, locale))),
        ],
      };
    case 'city':
      return {
        ...base,
        title: field.text('name') ?? { value: '' },
        caption: field.text('country'),
        lead: field.text('summary'),
        body: field.html('description'),
        facts: [
          ...factIf('region', field.text('region')),
          ...factIf('population', typeof entry.population === 'number' ? { value: entry.population.toLocaleString(locale) } : undefined),
          ...websiteFact(entry),
        ],
        sections: sectionIf('partnerships', partnershipLinks(list(entry.partnerships), locale)),
      };
  }
};

/** Whether the English version is needed to fill fields a translation left empty. */
export const needsEnglish = (kind: PageKind, entry: Entry, locale: string): boolean => localizer(entry, locale).missing(SHOWN_FIELDS[kind]);

/** A public page from the public API, or undefined when there is no such published page. */
export const loadPage = async (cms: CmsClient, kind: PageKind, locale: string, slug?: string): Promise<PageView | undefined> => {
  const type = PAGE_TYPES[kind];
  const fetchIn = (inLocale: string) =>
    kind === 'home' ? cms.findSingle(type.apiPath, inLocale, type.populate) : cms.findBySlug(type.apiPath, inLocale, slug ?? '', type.populate);
  const entry = await fetchIn(locale);
  if (!entry) return undefined;
  const english = needsEnglish(kind, entry, locale) ? await fetchIn('en') : undefined;
  return pageView(kind, entry, locale, english);
};
