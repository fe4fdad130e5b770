import type { Core } from '@strapi/strapi';
import { countryName } from '../domain/countries';
import { DEFAULT_LOCALE } from '../domain/locales';
import { WRITE_ACTIONS, type DocumentMiddleware } from './context';

const CITY = 'api::city.city';

/**
 * `country` is the localized name of `countryCode` ("Frankreich" in de), filled in when an editor
 * leaves it empty and renamed in every locale when the code changes, unless someone wrote their own.
 */
export const countryNames =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (context.uid !== CITY || !WRITE_ACTIONS.includes(context.action)) return next();
    const { documentId } = context.params;
    const locale: string = context.params.locale ?? DEFAULT_LOCALE;
    const data: Record<string, any> = context.params.data ?? {};
    const query = strapi.db.query(CITY);

    const rows: Array<{ id: number; locale: string; country: string | null; countryCode: string }> = documentId
      ? await query.findMany({ where: { documentId }, select: ['id', 'locale', 'country', 'countryCode'] })
      : [];
    const previousCode = rows[0]?.countryCode;
    const code: string | undefined = data.countryCode ?? previousCode;
    const ownRow = rows.find((row) => row.locale === locale);
    if ((data.country === undefined || data.country === null || data.country === '') && code && !(data.country === undefined && ownRow?.country)) {
      context.params.data = { ...data, country: countryName(code, locale) };
    }

    const result = await next();

    if (documentId && previousCode && data.countryCode && data.countryCode !== previousCode) {
      for (const row of rows) {
        if (row.country && row.country !== countryName(previousCode, row.locale)) continue;
        await query.update({ where: { id: row.id }, data: { country: countryName(data.countryCode, row.locale) } });
      }
    }
    return result;
  };
