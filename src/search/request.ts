import { errors } from '@strapi/utils';
import { MAX_PAGE_SIZE } from '../../config/api';
import { DEFAULT_LOCALE, SUPPORTED_LOCALE_CODES, unknownLocaleMessage } from '../locales/locales';
import { SEARCHABLE_TYPES, type SearchableType } from './documents';
import type { SearchRequest } from './query';

/** The query string of GET /api/search, checked: every refusal names its parameter. */
const PARAMETERS = ['q', 'locale', 'type', 'fallbackLocale', 'pagination'];
const TYPES = Object.keys(SEARCHABLE_TYPES) as SearchableType[];
const DEFAULT_PAGE_SIZE = 10;

const refuse = (param: string, message: string): never => {
  throw new errors.ValidationError(message, { errors: [{ path: [param], message, name: 'ValidationError' }] });
};

const positiveInteger = (param: string, value: unknown, fallback: number) => {
  if (value === undefined) return fallback;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 1) refuse(param, `${param} must be a whole number of at least 1`);
  return number;
};

const locale = (param: string, value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !SUPPORTED_LOCALE_CODES.includes(value)) refuse(param, `${param}: ${unknownLocaleMessage([String(value)], SUPPORTED_LOCALE_CODES)}`);
  return value as string;
};

export const parseSearchQuery = (query: Record<string, unknown>): SearchRequest => {
  const unknown = Object.keys(query).filter((key) => !PARAMETERS.includes(key));
  if (unknown.length > 0) refuse(unknown[0], `Unknown parameter ${unknown[0]}: search takes ${PARAMETERS.join(', ')}`);
  const q = typeof query.q === 'string' ? query.q.trim() : '';
  if (!q) refuse('q', 'q (the words to search for) is required');
  if (q.length > 200) refuse('q', 'q is limited to 200 characters');
  const types = query.type === undefined ? TYPES : typeof query.type === 'string' ? query.type.split(',').map((type) => type.trim()) : refuse('type', 'type is a comma-separated list');
  const unknownTypes = (types as string[]).filter((type) => !TYPES.includes(type as SearchableType));
  if (unknownTypes.length > 0) refuse('type', `Unknown type ${unknownTypes.join(', ')}: choose from ${TYPES.join(', ')}`);
  const pagination = (query.pagination ?? {}) as Record<string, unknown>;
  if (typeof pagination !== 'object' || Array.isArray(pagination)) refuse('pagination', 'pagination takes pagination[page] and pagination[pageSize]');
  const extra = Object.keys(pagination).filter((key) => key !== 'page' && key !== 'pageSize');
  if (extra.length > 0) refuse(`pagination[${extra[0]}]`, `pagination[${extra[0]}] is not a search parameter: search pages with pagination[page] and pagination[pageSize]`);
  const searchLocale = locale('locale', query.locale) ?? DEFAULT_LOCALE;
  const fallbackLocale = locale('fallbackLocale', query.fallbackLocale);
  return {
    q,
    locale: searchLocale,
    types: types as SearchableType[],
    fallbackLocale: fallbackLocale === searchLocale ? undefined : fallbackLocale,
    page: positiveInteger('pagination[page]', pagination.page, 1),
    pageSize: Math.min(MAX_PAGE_SIZE, positiveInteger('pagination[pageSize]', pagination.pageSize, DEFAULT_PAGE_SIZE)),
  };
};
