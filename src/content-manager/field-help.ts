/**
 * What staff see in the Content Manager for each field: a plain-English label and one line of
 * help, the list view's columns and sort, and the edit view's groups (text first, then facts,
 * then relations, the same for every type). Applied at start-up by ./apply-configuration.ts.
 */
export type FieldHelp = { label: string; description: string };
export type ListView = { columns: string[]; sortBy: string; order: 'ASC' | 'DESC' };
export type EditGroups = { text: string[]; facts: string[]; relations: string[] };
export type ModelView = { fields: Record<string, FieldHelp>; list?: ListView; edit?: EditGroups };

const SLUG: FieldHelp = { label: 'Web address name', description: 'Used in page addresses, e.g. leeds-lille. Made from the English name; the same in every language.' };
const SUMMARY: FieldHelp = { label: 'Summary', description: 'One or two sentences, shown in lists and search results.' };
const COUNTRY_CODE: FieldHelp = {
  label: 'Country code',
  description: 'Two capital letters from ISO 3166-1, the international list of country codes: FR for France, DE for Germany.',
};
const website = (whose: string): FieldHelp => ({ label: 'Website', description: `${whose} own website, starting with https://.` });

export const MODEL_VIEWS: Record<string, ModelView> = {
  'api::city.city': {
    fields: {
      name: { label: 'Name', description: 'The city’s name in this language, e.g. Lille.' },
      slug: SLUG,
      countryCode: COUNTRY_CODE,
      country: { label: 'Country', description: 'Filled in from the country code in each language; change it only to spell it differently.' },
      region: { label: 'Region', description: 'The region, state or province, e.g. Hauts-de-France.' },
      latitude: { label: 'Latitude', description: 'Position north of the equator in decimal degrees, e.g. 50.63 (places the city on the map).' },
      longitude: { label: 'Longitude', description: 'Position east of Greenwich in decimal degrees, e.g. 3.06; west of Greenwich is negative.' },
      population: { label: 'Population', description: 'Number of inhabitants, a whole number, from the latest census.' },
      wikidataId: {
        label: 'Wikidata ID',
        description: 'The city’s entry in Wikidata, the free knowledge base that links it to other sites: Q and digits, e.g. Q648.',
      },
      website: website('The city council’s'),
      summary: SUMMARY,
      description: { label: 'Description', description: 'The full text about the city: paragraphs, lists and links.' },
      image: { label: 'Image', description: 'A photograph of the city. Alternative text is required: add it in the Media Library.' },
      partnerships: { label: 'Partnerships', description: 'Leeds’ partnerships with this city; set on the partnership.' },
    },
    list: { columns: ['name', 'country', 'partnerships'], sortBy: 'name', order: 'ASC' },
    edit: {
      text: ['name', 'summary', 'description', 'image'],
      facts: ['countryCode', 'country', 'region', 'latitude', 'longitude', 'population', 'wikidataId', 'website', 'slug'],
      relations: ['partnerships'],
    },
  },
  'api::partnership.partnership': {
    fields: {
      title: { label: 'Title', description: 'The partnership’s name, e.g. Leeds and Lille.' },
      slug: SLUG,
      city: { label: 'Partner city', description: 'The city Leeds is twinned or partnered with.' },
      startYear: { label: 'Start year', description: 'The year the partnership began, four digits, e.g. 1968.' },
      endYear: { label: 'End year', description: 'The year it ended; leave empty while it continues.' },
      dateNote: { label: 'Date note', description: 'Free text when one year says too little, e.g. 1988–89 or “renewed in 2004”.' },
      kind: { label: 'Kind', description: 'Twinning, partner city or friendship, as the councils agreed it.' },
      partnershipStatus: { label: 'Status', description: 'Active, dormant (no recent activity) or ended.' },
      origin: { label: 'How it began', description: 'A few sentences on how and why the partnership started.' },
      summary: SUMMARY,
      description: { label: 'Description', description: 'The full text about the partnership: paragraphs, lists and links.' },
      themes: { label: 'Themes', description: 'The subjects the partnership works on, e.g. culture or education.' },
      projects: { label: 'Projects', description: 'Projects carried out under this partnership.' },
      organisations: { label: 'Organisations', description: 'Councils, schools and groups taking part, each with its role and website.' },
    },
    list: { columns: ['title', 'city', 'startYear', 'kind', 'partnershipStatus'], sortBy: 'startYear', order: 'ASC' },
    edit: {
      text: ['title', 'summary', 'origin', 'description'],
      facts: ['startYear', 'endYear', 'dateNote', 'kind', 'partnershipStatus', 'slug'],
      relations: ['city', 'themes', 'projects', 'organisations'],
    },
  },
  'api::project.project': {
    fields: {
      title: { label: 'Title', description: 'The project’s name, e.g. Leeds–Dortmund youth exchange.' },
      slug: SLUG,
      summary: SUMMARY,
      description: { label: 'Description', description: 'The full text about the project: paragraphs, lists and links.' },
      startYear: { label: 'Start year', description: 'The year the project started, four digits.' },
      endYear: { label: 'End year', description: 'The year it ended or will end; leave empty if open-ended.' },
      projectStatus: { label: 'Status', description: 'Planned, ongoing or completed.' },
      partnerships: { label: 'Partnerships', description: 'The partnerships this project belongs to.' },
      themes: { label: 'Themes', description: 'The subjects the project is about.' },
      organisations: { label: 'Organisations', description: 'Councils, schools and groups taking part, each with its role and website.' },
      website: website('The project’s'),
    },
    list: { columns: ['title', 'startYear', 'endYear', 'projectStatus'], sortBy: 'startYear', order: 'DESC' },
    edit: {
      text: ['title', 'summary', 'description'],
      facts: ['startYear', 'endYear', 'projectStatus', 'website', 'slug'],
      relations: ['partnerships', 'themes', 'organisations'],
    },
  },
  'api::theme.theme': {
    fields: {
      name: { label: 'Name', description: 'The theme’s name, e.g. Culture.' },
      slug: SLUG,
      description: { label: 'Description', description: 'What the theme covers, in one or two sentences.' },
      partnerships: { label: 'Partnerships', description: 'Partnerships working on this theme.' },
      projects: { label: 'Projects', description: 'Projects about this theme.' },
    },
    list: { columns: ['name', 'description'], sortBy: 'name', order: 'ASC' },
    edit: { text: ['name', 'description'], facts: ['slug'], relations: ['partnerships', 'projects'] },
  },
  'api::international-relations-page.international-relations-page': {
    fields: {
      title: { label: 'Title', description: 'The page’s heading.' },
      intro: { label: 'Introduction', description: 'The text at the top of the International relations page.' },
      partnerships: { label: 'Partnerships', description: 'The partnerships listed on the page, in this order.' },
    },
    edit: { text: ['title', 'intro'], facts: [], relations: ['partnerships'] },
  },
  'api::audit-log-entry.audit-log-entry': {
    fields: {
      occurredAt: { label: 'When', description: 'When the change was made.' },
      action: { label: 'Action', description: 'What was done: create, update, publish, XLIFF import…' },
      targetUid: { label: 'Content type', description: 'The type of the document changed.' },
      targetDocumentId: { label: 'Document ID', description: 'The identifier of the document changed.' },
      targetLabel: { label: 'Document', description: 'The name or title of the document changed.' },
      locale: { label: 'Language', description: 'The language version changed.' },
      changedFields: { label: 'Changed fields', description: 'The fields whose value changed.' },
      actorType: { label: 'Changed by (kind)', description: 'An admin user, an API token or the system.' },
      actorId: { label: 'Changed by (ID)', description: 'The user’s or token’s identifier.' },
      actorName: { label: 'Changed by', description: 'The user’s or token’s name.' },
      actorEmail: { label: 'Email', description: 'The user’s email address.' },
    },
    list: { columns: ['occurredAt', 'action', 'targetLabel', 'locale', 'actorName'], sortBy: 'occurredAt', order: 'DESC' },
    edit: {
      text: ['targetLabel', 'action', 'changedFields'],
      facts: ['occurredAt', 'locale', 'targetUid', 'targetDocumentId'],
      relations: ['actorName', 'actorEmail', 'actorType', 'actorId'],
    },
  },
  'shared.organisation': {
    fields: {
      name: { label: 'Name', description: 'The organisation’s name.' },
      role: { label: 'Role', description: 'What it does in the partnership, e.g. partner council or host school.' },
      url: website('The organisation’s'),
      countryCode: COUNTRY_CODE,
    },
    edit: { text: ['name', 'role'], facts: ['url', 'countryCode'], relations: [] },
  },
};

/** A field's plain-English label, as the Content Manager shows it (its attribute name if it has none). */
export const fieldLabel = (uid: string, field: string) => MODEL_VIEWS[uid]?.fields[field]?.label ?? field;
