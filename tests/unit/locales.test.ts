import { SUPPORTED_LOCALE_CODES, unknownLocaleCodes, unknownLocaleMessage } from '../../src/locales/locales';

describe('locales', () => {
  it('are English first, then the four translations', () => {
    expect(SUPPORTED_LOCALE_CODES).toEqual(['en', 'fr', 'de', 'cs', 'zh-Hans']);
  });

  it('finds the unknown codes in a string or a list, and accepts * and no locale', () => {
    expect(unknownLocaleCodes('xx', SUPPORTED_LOCALE_CODES)).toEqual(['xx']);
    expect(unknownLocaleCodes(['fr', 'zh', 'de'], SUPPORTED_LOCALE_CODES)).toEqual(['zh']);
    expect(unknownLocaleCodes('zh-Hans', SUPPORTED_LOCALE_CODES)).toEqual([]);
    expect(unknownLocaleCodes('*', SUPPORTED_LOCALE_CODES)).toEqual([]);
    expect(unknownLocaleCodes(undefined, SUPPORTED_LOCALE_CODES)).toEqual([]);
  });

  it('says which locales exist', () => {
    expect(unknownLocaleMessage(['xx'], SUPPORTED_LOCALE_CODES)).toBe('Unknown locale "xx". Supported locales: en, fr, de, cs, zh-Hans');
  });
});
