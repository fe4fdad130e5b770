import { xliff12ToJs } from 'xliff';
import { applyTargets, buildXliff, entryTexts, type TargetValue } from '../../src/translations/xliff-format';
import { toBlocks } from '../../src/domain/rich-text';

const L = { pluginOptions: { i18n: { localized: true } } };
const attributes = {
  title: { type: 'string', ...L },
  slug: { type: 'uid', ...L },
  website: { type: 'string', regex: '^https?://', ...L },
  startYear: { type: 'integer' },
  description: { type: 'blocks', ...L },
  organisations: { type: 'component', component: 'shared.organisation', repeatable: true, ...L },
};
const getModel = () => ({ attributes: { name: { type: 'string' }, role: { type: 'string' }, url: { type: 'string', regex: '^https?://' } } });
const source = {
  title: 'Leeds & Lille <twinned>',
  slug: 'leeds-lille',
  website: 'https://www.lille.fr',
  startYear: 1968,
  description: [...toBlocks(['Since 1968.', { list: ['youth', 'culture'] }]), { type: 'image', image: { url: '/x.png' } }],
  organisations: [{ id: 7, name: 'Ville de Lille', role: 'Partner council', url: 'https://www.lille.fr' }],
};

describe('XLIFF units', () => {
  it('come from localized prose only: strings, each block and list item, component strings', () => {
    expect(entryTexts(attributes, source, getModel).map(({ path, text }) => [path, text])).toEqual([
      ['title', 'Leeds & Lille <twinned>'],
      ['description/0', 'Since 1968.'],
      ['description/1/0', 'youth'],
      ['description/1/1', 'culture'],
      ['organisations/0/name', 'Ville de Lille'],
      ['organisations/0/role', 'Partner council'],
    ]);
  });

  it('are written as XLIFF 1.2 that another parser reads back exactly', async () => {
    const xml = buildXliff({
      sourceLanguage: 'en',
      targetLanguage: 'zh-Hans',
      files: [{ original: 'api::city.city', units: [{ id: 'doc/title', source: ['Leeds & Lille <twinned> "quoted"'], target: ['利兹与里尔'], note: 'City, field title' }] }],
    });
    const parsed = await xliff12ToJs(xml);
    expect(parsed).toMatchObject({ sourceLanguage: 'en', targetLanguage: 'zh-Hans' });
    expect(parsed.resources['api::city.city']['doc/title']).toMatchObject({ source: 'Leeds & Lille <twinned> "quoted"', target: '利兹与里尔', note: 'City, field title' });
  });
});

describe('applyTargets', () => {
  it('rebuilds the English structure with the targets, keeping what was not translated', () => {
    const existing = { title: 'Ancien titre', description: toBlocks(['Depuis 1968.', { list: ['jeunesse', 'culture'] }]) };
    const data = applyTargets(attributes, source, existing, new Map<string, TargetValue>([['description/1/0', { nodes: [{ type: 'text', text: 'la jeunesse' }] }], ['organisations/0/role', { text: 'Conseil partenaire' }]]), getModel);
    expect(data).toEqual({
      description: [...toBlocks(['Depuis 1968.', { list: ['la jeunesse', 'culture'] }]), source.description[2]],
      organisations: [{ name: 'Ville de Lille', role: 'Conseil partenaire', url: 'https://www.lille.fr' }],
    });
    // A new translation gets every localized text field, the English where there is no target.
    expect(applyTargets(attributes, source, null, new Map<string, TargetValue>([['title', { text: 'Leeds et Lille' }]]), getModel)).toEqual({
      title: 'Leeds et Lille',
      description: source.description,
      organisations: [{ name: 'Ville de Lille', role: 'Partner council', url: 'https://www.lille.fr' }],
    });
  });
});

describe('applyTargets with formatting', () => {
  it('keeps the formatting of translated blocks it was not given, and of a unit kept as it is', () => {
    const english = { description: [{ type: 'paragraph', children: [{ type: 'text', text: 'One ' }, { type: 'text', text: 'bold', bold: true }] }, { type: 'paragraph', children: [{ type: 'text', text: 'Two' }] }] };
    const french = { description: [{ type: 'paragraph', children: [{ type: 'text', text: 'Un ' }, { type: 'text', text: 'gras', bold: true }] }, { type: 'paragraph', children: [{ type: 'text', text: 'Deux' }] }] };
    const data = applyTargets(attributes, english, french, new Map<string, TargetValue>([['description/1', { nodes: [{ type: 'text', text: 'Deux bis' }] }]]), getModel);
    expect(data.description).toEqual([french.description[0], { type: 'paragraph', children: [{ type: 'text', text: 'Deux bis' }] }]);
    expect(applyTargets(attributes, english, french, new Map<string, TargetValue>([['description/0', { keep: true }]]), getModel).description).toEqual(french.description);
  });
});
