import { countryName, isIsoCountryCode } from '../../src/domain/countries';

describe('ISO 3166-1 alpha-2 codes', () => {
  it.each(['GB', 'FR', 'DE', 'CN', 'CZ', 'ZA'])('accepts %s', (code) => expect(isIsoCountryCode(code)).toBe(true));
  it.each(['gb', 'UK', 'XX', 'EU', 'GBR', '', 'F', 12])('refuses %p', (code) => expect(isIsoCountryCode(code)).toBe(false));
});

describe('countryName', () => {
  it('names the country in the locale asked for', () => {
    expect(countryName('FR', 'en')).toBe('France');
    expect(countryName('DE', 'fr')).toBe('Allemagne');
    expect(countryName('ZA', 'de')).toBe('Südafrika');
    expect(countryName('CZ', 'cs')).toBe('Česko');
    expect(countryName('CN', 'zh-Hans')).toBe('中国');
  });

  it('has no name for a code that is not ISO', () => {
    expect(countryName('XX', 'en')).toBeUndefined();
  });
});
