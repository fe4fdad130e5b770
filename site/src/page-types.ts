/**
 * The pages of the reference site and what each needs from the API. The site asks the public API
 * for exactly this, and the CMS's preview endpoint loads a draft with the same populate, so a
 * preview shows the page as it will be published. No dependencies: both sides import this file.
 */
export type Populate = { [relation: string]: true | { populate: Populate } };

export type PageType = {
  /** Strapi's content-type UID. */
  uid: string;
  /** REST collection (or single type) path under /api. */
  apiPath: string;
  /** Path segment of the site's pages of this type (`/{locale}/{segment}/{slug}`); none for the single page. */
  segment?: string;
  populate: Populate;
};

export const PAGE_TYPES = {
  home: {
    uid: 'api::international-relations-page.international-relations-page',
    apiPath: 'international-relations-page',
    populate: { partnerships: { populate: { city: true } } },
  },
  partnership: {
    uid: 'api::partnership.partnership',
    apiPath: 'partnerships',
    segment: 'partnerships',
    populate: { city: true, themes: true, projects: true, organisations: true },
  },
  project: {
    uid: 'api::project.project',
    apiPath: 'projects',
    segment: 'projects',
    populate: { partnerships: { populate: { city: true } }, themes: true, organisations: true },
  },
  theme: {
    uid: 'api::theme.theme',
    apiPath: 'themes',
    segment: 'themes',
    populate: { partnerships: { populate: { city: true } }, projects: true },
  },
  city: {
    uid: 'api::city.city',
    apiPath: 'cities',
    segment: 'cities',
    populate: { partnerships: true },
  },
} as const satisfies Record<string, PageType>;

export type PageKind = keyof typeof PAGE_TYPES;

export const pageKindOf = (uid: string): PageKind | undefined =>
  (Object.keys(PAGE_TYPES) as PageKind[]).find((kind) => PAGE_TYPES[kind].uid === uid);

/** The site path of a page: `/fr/`, `/fr/partnerships/lille`. */
export const pagePath = (locale: string, kind: PageKind, slug?: string): string => {
  const segment = (PAGE_TYPES[kind] as PageType).segment;
  return segment && slug ? `/${locale}/${segment}/${encodeURIComponent(slug)}` : `/${locale}/`;
};
