import type { Core } from '@strapi/strapi';

/**
 * The locale codes that exist in i18n, read once and re-read after a locale is added or removed
 * (every Document Service call checks its locale against this list).
 */
let cached: string[] | undefined;

export const knownLocaleCodes = async (strapi: Core.Strapi): Promise<string[]> => {
  if (!cached) {
    const locales = await strapi.db.query('plugin::i18n.locale').findMany({ select: ['code'], orderBy: { id: 'asc' } });
    cached = locales.map((locale: { code: string }) => locale.code);
  }
  return cached;
};

export const forgetKnownLocales = () => {
  cached = undefined;
};

export const watchLocaleChanges = (strapi: Core.Strapi) => {
  strapi.db.lifecycles.subscribe({
    models: ['plugin::i18n.locale'],
    afterCreate: forgetKnownLocales,
    afterUpdate: forgetKnownLocales,
    afterDelete: forgetKnownLocales,
  });
};
