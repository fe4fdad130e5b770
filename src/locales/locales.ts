/** The locales the council publishes in. `en` is the source every translation follows. */
export const DEFAULT_LOCALE = 'en';

export const SUPPORTED_LOCALES = [
  { code: 'en', name: 'English (en)' },
  { code: 'fr', name: 'French (fr)' },
  { code: 'de', name: 'German (de)' },
  { code: 'cs', name: 'Czech (cs)' },
  { code: 'zh-Hans', name: 'Chinese (Simplified) (zh-Hans)' },
] as const;

export const SUPPORTED_LOCALE_CODES: string[] = SUPPORTED_LOCALES.map((locale) => locale.code);

/**
 * The locale codes in a Document Service `locale` param that are not known.
 * `'*'` (every locale) and an absent locale (the default) are always fine.
 */
export const unknownLocaleCodes = (requested: unknown, known: readonly string[]): string[] => {
  if (requested === undefined || requested === null || requested === '*') return [];
  const codes = Array.isArray(requested) ? requested : [requested];
  return codes.filter((code) => typeof code !== 'string' || !known.includes(code)).map(String);
};

export const unknownLocaleMessage = (unknown: string[], known: readonly string[]): string =>
  `Unknown locale ${unknown.map((code) => JSON.stringify(code)).join(', ')}. Supported locales: ${known.join(', ')}`;
