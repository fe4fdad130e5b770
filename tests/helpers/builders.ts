import crypto from 'crypto';
import type { TestApp } from './strapi';

/** Valid inputs with a unique name each time; tests override only what they are about. */
const unique = () => crypto.randomBytes(3).toString('hex');

export const cityInput = (overrides: Record<string, unknown> = {}) => ({
  name: `Testville ${unique()}`,
  countryCode: 'FR',
  latitude: 48.85,
  longitude: 2.35,
  population: 1000,
  wikidataId: 'Q90',
  website: 'https://testville.example',
  summary: 'A city made up for a test.',
  ...overrides,
});

export const partnershipInput = (cityDocumentId: string, overrides: Record<string, unknown> = {}) => ({
  title: `Leeds and Testville ${unique()}`,
  city: cityDocumentId,
  startYear: 2001,
  kind: 'friendship',
  partnershipStatus: 'active',
  summary: 'A partnership made up for a test.',
  ...overrides,
});

export const projectInput = (overrides: Record<string, unknown> = {}) => ({
  title: `Test project ${unique()}`,
  startYear: 2010,
  endYear: 2012,
  projectStatus: 'completed',
  ...overrides,
});

export const createCity = async (app: TestApp, overrides: Record<string, unknown> = {}, status: 'draft' | 'published' = 'published') =>
  app.strapi.documents('api::city.city').create({ locale: 'en', status, data: cityInput(overrides) as any });

/** The seeded document with this English slug. */
export const seeded = async (app: TestApp, uid: string, slug: string) => {
  const row = await app.strapi.db.query(uid as any).findOne({ where: { slug, locale: 'en' }, select: ['documentId'] });
  if (!row) throw new Error(`seed has no ${uid} ${slug}`);
  return row.documentId as string;
};

/** Every row of a type (all locales, drafts and published): to prove a refused write left nothing. */
export const rowSnapshot = async (app: TestApp, uid: string) =>
  app.strapi.db.query(uid as any).findMany({ orderBy: { id: 'asc' } });
