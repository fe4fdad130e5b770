import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from './locales';

/** Creates the council's locales that are missing and makes `en` the default. Safe to run at every start. */
export const ensureLocales = async (strapi: Core.Strapi) => {
  const localeService = strapi.plugin('i18n').service('locales');
  const existing: Array<{ code: string }> = await localeService.find();
  for (const locale of SUPPORTED_LOCALES) {
    if (!existing.some((entry) => entry.code === locale.code)) {
      await localeService.create({ code: locale.code, name: locale.name });
    }
  }
  if ((await localeService.getDefaultLocale()) !== DEFAULT_LOCALE) {
    await localeService.setDefaultLocale({ code: DEFAULT_LOCALE });
  }
};
