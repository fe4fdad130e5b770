import { expect } from '@playwright/test';
import type { adminApi } from './users';

type AdminApi = Awaited<ReturnType<typeof adminApi>>;

export const CITY = 'api::city.city';
export const THEME = 'api::theme.theme';

/** documentId of a published city, looked up by slug on the public API. */
export const cityDocumentId = async (appUrl: string, slug: string): Promise<string> => {
  const response = await fetch(`${appUrl}/api/cities?filters[slug][$eq]=${encodeURIComponent(slug)}&fields[0]=name`);
  const [city] = ((await response.json()) as any).data;
  if (!city) throw new Error(`no published city ${slug}`);
  return city.documentId;
};

/**
 * An editor's change to the English text, published (Content Manager API): translations follow
 * the published English, so theirs become outdated.
 */
export const rewriteEnglishCitySummary = async (editor: AdminApi, documentId: string, summary: string) => {
  const response = await editor.request('POST', `/content-manager/collection-types/${CITY}/${documentId}/actions/publish?locale=en`, { summary });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
};

/** A new English-only theme draft: missing in every other language. */
export const createEnglishTheme = async (editor: AdminApi, name: string) => {
  const response = await editor.request('POST', `/content-manager/collection-types/${THEME}?locale=en`, { name });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data.documentId as string;
};

/** A new English city draft (Content Manager API), in Norway: name and summary as given. */
export const createNorwegianCityDraft = async (editor: AdminApi, city: { name: string; summary: string; latitude: number; longitude: number }) => {
  const response = await editor.request('POST', `/content-manager/collection-types/${CITY}?locale=en`, { countryCode: 'NO', ...city });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data.documentId as string;
};
