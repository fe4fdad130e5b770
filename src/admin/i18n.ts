import { useIntl } from 'react-intl';
import cs from './translations/cs.json';
import de from './translations/de.json';
import en from './translations/en.json';
import fr from './translations/fr.json';
import zhHans from './translations/zh-Hans.json';
import { STRAPI_PREVIEW_TRANSLATIONS } from './strapi-translations';

/**
 * The project's own pages in the interface languages staff and translators use. Messages live in
 * ./translations/<locale>.json (English is the source and the fallback); ids are prefixed so
 * they cannot collide with Strapi's.
 */
export type TextId = keyof typeof en;
type Values = Record<string, string | number>;

const PREFIX = 'partner-cities.';

/** Interface languages offered in each user's profile: British English for staff, and the translators' four. */
export const INTERFACE_LOCALES = ['en-GB', 'fr', 'de', 'cs', 'zh-Hans'];

const MESSAGES: Record<string, Record<string, string>> = { en, 'en-GB': en, fr, de, cs, 'zh-Hans': zhHans };

/** For the admin app's config.translations: each interface locale's messages, prefixed, and Strapi's Preview strings where Strapi has none. */
export const TRANSLATIONS = Object.fromEntries(
  Object.entries(MESSAGES).map(([locale, messages]) => [
    locale,
    { ...STRAPI_PREVIEW_TRANSLATIONS[locale], ...Object.fromEntries(Object.entries(messages).map(([id, text]) => [`${PREFIX}${id}`, text])) },
  ]),
);

export const messageId = (id: TextId) => `${PREFIX}${id}`;

/** `t(id, values)`: a message in the user's interface language. */
export const useText = () => {
  const intl = useIntl();
  return (id: TextId, values?: Values) => intl.formatMessage({ id: messageId(id), defaultMessage: en[id] }, values);
};
export type Text = ReturnType<typeof useText>;

const ERROR_CODES: Record<string, (details: any) => Values> = {
  'locale-forbidden': (details) => ({ locale: details.locale }),
  'permission-missing': () => ({}),
  'fields-forbidden': (details) => ({ locale: details.locale, fields: (details.fields ?? []).join(', ') }),
  'publish-failed': (details) => ({ label: details.label }),
  'xliff-malformed': () => ({}),
  'xliff-wrong-language': (details) => ({ fileLanguage: details.fileLanguage ?? '?', locale: details.locale }),
  'xliff-refused': (details) => ({ unknown: details.unknown?.length ?? 0, stale: details.stale?.length ?? 0, tags: details.tags?.length ?? 0 }),
  'would-fail': (details) => ({ reason: details.reason ?? '' }),
  'time-passed': () => ({}),
  'not-pending': () => ({}),
};

/**
 * A refusal from the server in the user's language: the server gives a stable `details.code`
 * for the errors these pages show; for others, and for what a code does not carry (which units,
 * which tags), the server's own message follows.
 */
export const errorText = (t: Text, error: any): string => {
  const body = error?.response?.data?.error;
  const code: string | undefined = body?.details?.code;
  const message: string = body?.message ?? error?.message ?? t('common.somethingWrong');
  if (!code || !ERROR_CODES[code]) return message;
  const text = t(`error.${code}` as TextId, ERROR_CODES[code](body.details));
  return code === 'xliff-refused' || code === 'xliff-malformed' ? `${text} ${message}` : text;
};
