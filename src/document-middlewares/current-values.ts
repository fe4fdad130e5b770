import type { Core } from '@strapi/strapi';
import { isLocalizedAttribute } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import { attributesOf, queryOf } from '../database/models';


/**
 * The draft values a write will be merged with: this locale's draft when it exists; for a
 * translation being created, only the non-localized fields (shared by every locale) of another one.
 */
export const currentDraftValues = async (
  strapi: Core.Strapi,
  uid: string,
  documentId: string | undefined,
  locale: string | undefined,
): Promise<{ values: Record<string, unknown>; localeVersionExists: boolean }> => {
  if (!documentId) return { values: {}, localeVersionExists: false };
  const rows: Array<Record<string, unknown>> = await queryOf(strapi, uid).findMany({
    where: { documentId, publishedAt: null },
  });
  const own = rows.find((row) => row.locale === (locale ?? DEFAULT_LOCALE));
  if (own) return { values: own, localeVersionExists: true };
  const other = rows.find((row) => row.locale === DEFAULT_LOCALE) ?? rows[0];
  if (!other) return { values: {}, localeVersionExists: false };
  const attributes = attributesOf(strapi, uid);
  const shared = Object.fromEntries(Object.entries(other).filter(([name]) => attributes[name] && !isLocalizedAttribute(attributes[name])));
  return { values: shared, localeVersionExists: false };
};
