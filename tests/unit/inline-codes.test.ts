import { xliff12ToJs } from 'xliff';
import {
  alignToSource,
  inlineFromXliffJs,
  inlineText,
  inlineXml,
  nodesFromInline,
  segmentOfNodes,
  tagProblems,
  UnsupportedTag,
  type Inline,
} from '../../src/translations/inline-codes';

/** A paragraph with every kind of formatting the Blocks editor makes. */
const EVERY_FORMAT = [
  { type: 'text', text: 'Visit ' },
  { type: 'link', url: 'https://www.lille.fr/', children: [{ type: 'text', text: 'Lille' }, { type: 'text', text: ' town hall', bold: true }] },
  { type: 'text', text: ', read ' },
  { type: 'text', text: 'this', bold: true },
  { type: 'text', text: ' twice', bold: true, italic: true },
  { type: 'text', text: ' and ' },
  { type: 'text', text: 'that', underline: true },
  { type: 'text', text: ', ' },
  { type: 'text', text: 'not this', strikethrough: true },
  { type: 'text', text: ', run ' },
  { type: 'text', text: 'npm test', code: true },
  { type: 'text', text: '.\nNew line.' },
];
const EVERY_FORMAT_XML =
  'Visit <g id="1" ctype="link">Lille<g id="2" ctype="bold"> town hall</g></g>, read <g id="3" ctype="bold">this<g id="4" ctype="italic"> twice</g></g> and ' +
  '<g id="5" ctype="underlined">that</g>, <g id="6" ctype="x-strikethrough">not this</g>, run <g id="7" ctype="x-code">npm test</g>.<x id="8" ctype="lb"/>New line.';

const xliffTarget = async (inner: string): Promise<Inline[]> => {
  const xml = `<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="f" source-language="en" target-language="fr" datatype="plaintext"><body><trans-unit id="u" xml:space="preserve"><source>x</source><target>${inner}</target></trans-unit></body></file></xliff>`;
  return inlineFromXliffJs((await xliff12ToJs(xml)).resources.f.u.target);
};

describe('inline codes', () => {
  const source = segmentOfNodes(EVERY_FORMAT);

  it('write every mark, links and line breaks as <g> and <x/>, link targets out of the text', () => {
    expect(inlineXml(source.content)).toBe(EVERY_FORMAT_XML);
    expect(inlineXml(source.content)).not.toContain('lille.fr');
    expect(source.codes.get('1')).toEqual({ tag: 'g', url: 'https://www.lille.fr/' });
    expect(inlineText(source.content)).toBe('Visit Lille town hall, read this twice and that, not this, run npm test.\nNew line.');
  });

  it('read back through the xliff package and rebuild the same nodes', async () => {
    const parsed = await xliffTarget(EVERY_FORMAT_XML);
    expect(tagProblems(parsed, source.codes)).toEqual([]);
    expect(nodesFromInline(parsed, source.codes)).toEqual(EVERY_FORMAT);
  });

  it('follow the tags where the translator moved them', async () => {
    const moved = await xliffTarget(
      'Lisez <g id="3" ctype="bold">ceci<g id="4" ctype="italic"> deux fois</g></g>, visitez <g id="1" ctype="link"><g id="2" ctype="bold">l’hôtel de ville de </g>Lille</g> et ' +
        '<g id="5" ctype="underlined">cela</g>, <g id="6" ctype="x-strikethrough">pas ceci</g>, lancez <g id="7" ctype="x-code">npm test</g>.<x id="8" ctype="lb"/>Nouvelle ligne.',
    );
    expect(tagProblems(moved, source.codes)).toEqual([]);
    const nodes = nodesFromInline(moved, source.codes);
    expect(nodes.slice(0, 4)).toEqual([
      { type: 'text', text: 'Lisez ' },
      { type: 'text', text: 'ceci', bold: true },
      { type: 'text', text: ' deux fois', bold: true, italic: true },
      { type: 'text', text: ', visitez ' },
    ]);
    expect(nodes[4]).toEqual({ type: 'link', url: 'https://www.lille.fr/', children: [{ type: 'text', text: 'l’hôtel de ville de ', bold: true }, { type: 'text', text: 'Lille' }] });
    expect(nodes.at(-1)).toEqual({ type: 'text', text: '.\nNouvelle ligne.' });
  });

  it('name every tag a target drops, duplicates or invents, and a link put in a link', async () => {
    const two = segmentOfNodes([{ type: 'link', url: 'https://a.example/', children: [{ type: 'text', text: 'A' }] }, { type: 'text', text: ' and ' }, { type: 'link', url: 'https://b.example/', children: [{ type: 'text', text: 'B' }] }]);
    expect(tagProblems(await xliffTarget('A et <g id="2" ctype="link">B</g>'), two.codes)).toEqual(['<g id="1"> (link) is missing']);
    expect(tagProblems(await xliffTarget('<g id="1">A</g> <g id="1">A</g> <g id="2">B</g>'), two.codes)).toEqual(['<g id="1"> (link) appears 2 times']);
    expect(tagProblems(await xliffTarget('<g id="1">A</g> <g id="2">B</g><g id="9" ctype="bold">!</g>'), two.codes)).toEqual(['<g id="9"> is not in the source']);
    expect(tagProblems(await xliffTarget('<g id="1">A</g> <x id="2"/>'), two.codes)).toEqual(['<x id="2"> is not in the source', '<g id="2"> (link) is missing']);
    expect(tagProblems(await xliffTarget('<g id="1">A <g id="2">B</g></g>'), two.codes)).toEqual(['a link is inside another link']);
    expect(tagProblems(['plain <b>'], new Map())).toEqual([]);
    await expect(xliffTarget('<bpt id="1">&lt;b&gt;</bpt>x<ept id="1">&lt;/b&gt;</ept>')).rejects.toThrow(UnsupportedTag);
  });

  it("give an existing translation the source's ids, and say when its formatting does not match", () => {
    const translation = segmentOfNodes([{ type: 'text', text: 'Voir ' }, { type: 'link', url: 'https://www.lille.fr/', children: [{ type: 'text', text: 'Lille' }] }, { type: 'text', text: ' ceci', bold: true }]);
    const english = segmentOfNodes([{ type: 'text', text: 'See this', bold: true }, { type: 'text', text: ' at ' }, { type: 'link', url: 'https://www.lille.fr/', children: [{ type: 'text', text: 'Lille' }] }]);
    const aligned = alignToSource(translation, english);
    expect(inlineXml(aligned.content)).toBe('Voir <g id="2" ctype="link">Lille</g><g id="1" ctype="bold"> ceci</g>');
    expect(aligned.complete).toBe(true);
    const plain = alignToSource(segmentOfNodes([{ type: 'text', text: 'Voir Lille' }]), english);
    expect(plain).toEqual({ content: ['Voir Lille'], complete: false });
  });
});
