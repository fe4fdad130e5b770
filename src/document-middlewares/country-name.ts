import type { Core } from '@strapi/strapi';
import { countryName } from '../domain/countries';
import { documentLocale, SAVE_ACTIONS, type DocumentMiddleware } from './kit';

const CITY = 'api::city.city';

type CountryRow = { id: number; locale: string; country: string | null; countryCode: string };

const countryRows = (strapi: Core.Strapi, documentId: string, published: boolean): Promise<CountryRow[]> =>
  strapi.db.query(CITY).findMany({ where: { documentId, publishedAt: published ? { $notNull: true } : null }, select: ['id', 'locale', 'country', 'countryCode'] });

/** Renames `country` in rows still named after `previousCode` (a name someone wrote themselves stays). */
const renameCountries = async (strapi: Core.Strapi, rows: CountryRow[], previousCode: (row: CountryRow) => string | undefined) => {
  for (const row of rows) {
    const previous = previousCode(row);
    if (!previous || previous === row.countryCode || (row.country && row.country !== countryName(previous, row.locale))) continue;
    await strapi.db.query(CITY).update({ where: { id: row.id }, data: { country: countryName(row.countryCode, row.locale) } });
  }
};

/**
 * `country` is the localized name of `countryCode` ("Frankreich" in de), filled in when an editor
 * leaves it empty and renamed in every locale when the code changes, unless someone wrote their own.
 * A saved code renames the drafts only: what is published changes when it is published. When a
 * publish makes a new code live in other locales' published versions (shared fields follow the
 * English version), their derived names follow it there too.
 */
export const countryNames =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const saves = SAVE_ACTIONS.includes(context.action);
    // REST saves publish unless ?status=draft: a save can be a publish too.
    const publishes = context.action === 'publish' || (saves && context.params.status === 'published');
    if (context.uid !== CITY || (!saves && !publishes)) return next();
    const { documentId } = context.params;
    const publishedBefore = publishes && documentId ? await countryRows(strapi, documentId, true) : [];
    const drafts = saves && documentId ? await countryRows(strapi, documentId, false) : [];
    const data: Record<string, any> = context.params.data ?? {};
    const previousCode = drafts[0]?.countryCode;

    if (saves) {
      const locale = documentLocale(context);
      const code: string | undefined = data.countryCode ?? previousCode;
      const ownRow = drafts.find((row) => row.locale === locale);
      if ((data.country === undefined || data.country === null || data.country === '') && code && !(data.country === undefined && ownRow?.country)) {
        context.params.data = { ...data, country: countryName(code, locale) };
      }
    }

    const result = await next();

    if (documentId && previousCode && data.countryCode && data.countryCode !== previousCode) {
      await renameCountries(strapi, await countryRows(strapi, documentId, false), () => previousCode);
    }
    if (publishedBefore.length > 0) {
      const codeBefore = new Map(publishedBefore.map((row) => [row.locale, row.countryCode]));
      await renameCountries(strapi, await countryRows(strapi, documentId, true), (row) => codeBefore.get(row.locale));
    }
    return result;
  };
