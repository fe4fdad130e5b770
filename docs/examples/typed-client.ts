/**
 * A typed client for the public API with openapi-fetch and the types generated from the API's
 * OpenAPI document (types/api/public-api.d.ts, or run `npx openapi-typescript
 * https://cms.example/api/openapi.json -o public-api.d.ts` in your own project). Every path,
 * parameter and field below is checked by TypeScript; tests/api/openapi-contract.test.ts runs it.
 */
import createClient from 'openapi-fetch';
import qs from 'qs';
import type { paths } from '../../types/api/public-api';

// Strapi's nested parameters (populate[city][fields][0]=name) in the form qs writes them.
const publicApi = (baseUrl: string) => createClient<paths>({ baseUrl, querySerializer: (query) => qs.stringify(query, { encodeValuesOnly: true }) });

/** "Siegen (1966)", … : the partnerships in French, oldest first, with their city's name. */
export const frenchPartnershipsByAge = async (baseUrl: string) => {
  const api = publicApi(baseUrl);
  const { data, error } = await api.GET('/api/partnerships', {
    params: { query: { locale: 'fr', sort: 'startYear:asc', populate: { city: { fields: ['name'] } } } },
  });
  if (error) throw new Error(error.error.message);
  return data.data.map((partnership) => `${partnership.city?.name} (${partnership.startYear})`);
};

/** The entries of a language switcher, from the locales the content is published in. */
export const languageSwitcher = async (baseUrl: string) => {
  const api = publicApi(baseUrl);
  const { data, error } = await api.GET('/api/locales');
  if (error) throw new Error('locales unavailable');
  return data.data.map(({ code, name, isDefault }) => ({ code, label: name, isDefault })).sort((a, b) => a.code.localeCompare(b.code));
};
