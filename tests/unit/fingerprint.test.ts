import { fingerprint, translatableText } from '../../src/translations/source-text';
import { toBlocks } from '../../src/domain/rich-text';

const L = { pluginOptions: { i18n: { localized: true } } };
const N = { pluginOptions: { i18n: { localized: false } } };
const attributes = {
  title: { type: 'string', ...L },
  slug: { type: 'uid', ...L },
  startYear: { type: 'integer', ...N },
  website: { type: 'string', ...N },
  description: { type: 'blocks', ...L },
  organisations: { type: 'component', component: 'shared.organisation', repeatable: true, ...L },
};
const models = { 'shared.organisation': { attributes: { name: { type: 'string' }, role: { type: 'string' }, url: { type: 'string' } } } };
const getModel = (uid: string) => (models as any)[uid];
const print = (entry: Record<string, unknown>) => fingerprint(translatableText(attributes, entry, getModel));

const base = {
  title: 'Leeds and Lille',
  slug: 'leeds-lille',
  startYear: 1968,
  website: 'https://www.lille.fr',
  description: toBlocks(['Partner cities since 1968.', { list: ['youth', 'culture'] }]),
  organisations: [{ name: 'Ville de Lille', role: 'Partner council', url: 'https://www.lille.fr' }],
};

describe('source fingerprints', () => {
  it('change when the words change', () => {
    expect(print({ ...base, title: 'Leeds and Lille (France)' })).not.toBe(print(base));
    expect(print({ ...base, description: toBlocks(['Partner cities since 1969.', { list: ['youth', 'culture'] }]) })).not.toBe(print(base));
    expect(print({ ...base, organisations: [{ ...base.organisations[0], role: 'Twin council' }] })).not.toBe(print(base));
  });

  it('ignore formatting, spacing and fields that are not localized text', () => {
    const bold = [{ type: 'paragraph', children: [{ type: 'text', text: 'Partner cities ' }, { type: 'text', text: 'since 1968.', bold: true }] }, base.description[1]];
    expect(print({ ...base, description: bold })).toBe(print(base));
    expect(print({ ...base, title: '  Leeds   and Lille ' })).toBe(print(base));
    expect(print({ ...base, startYear: 1970, website: 'https://lille.fr', slug: 'other' })).toBe(print(base));
  });

  it('count every string of a localized component (it is translated as a whole)', () => {
    expect(print({ ...base, organisations: [{ ...base.organisations[0], url: 'https://other.example' }] })).not.toBe(print(base));
  });
});
