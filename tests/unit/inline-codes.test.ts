import fc from 'fast-check';
import { fuzzOptions } from '../helpers/fuzz';
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
import { parseXliff12 } from '../../src/translations/xliff-exchange';

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

/** A target as the import reads it (the xliff package, spaces between codes kept). */
const xliffTarget = async (inner: string): Promise<Inline[]> => {
  const xml = `<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="f" source-language="en" target-language="fr" datatype="plaintext"><body><trans-unit id="u" xml:space="preserve"><source>x</source><target>${inner}</target></trans-unit></body></file></xliff>`;
  return inlineFromXliffJs((await parseXliff12(xml)).resources.f.u.target);
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

/**
 * Properties over random paragraphs: any mix of marks, links and line breaks survives the trip
 * through XLIFF (our writer, the xliff package's reader) exactly; a target whose tags are moved
 * anywhere (kept well-nested) is accepted; one that drops, repeats or invents a tag never is.
 */
describe('inline codes, on random paragraphs', () => {
  const text = fc.stringMatching(/^[a-zA-Zéü <&>"'.,\n]{1,12}$/);
  const marks = fc.record({ bold: fc.boolean(), italic: fc.boolean(), underline: fc.boolean(), strikethrough: fc.boolean(), code: fc.boolean() });
  const textNode = fc.tuple(text, marks).map(([value, flags]) => ({ type: 'text', text: value, ...Object.fromEntries(Object.entries(flags).filter(([, on]) => on)) }));
  const linkNode = fc.tuple(fc.webUrl(), fc.array(textNode, { minLength: 1, maxLength: 3 })).map(([url, children]) => ({ type: 'link', url, children }));
  const paragraph = fc.array(fc.oneof({ weight: 3, arbitrary: textNode }, { weight: 1, arbitrary: linkNode }), { minLength: 1, maxLength: 8 });

  /** What the editor stores for those nodes: adjacent runs of the same formatting merged, empty ones gone. */
  const normalise = (nodes: any[]) => nodesFromInline(segmentOfNodes(nodes).content, segmentOfNodes(nodes).codes);
  const asXliffTarget = async (content: Inline[]) => xliffTarget(inlineXml(content));

  it('round-trip through XLIFF exactly', async () => {
    await fc.assert(
      fc.asyncProperty(paragraph, async (nodes) => {
        const source = segmentOfNodes(nodes);
        const read = await asXliffTarget(source.content);
        expect(tagProblems(read, source.codes)).toEqual([]);
        const rebuilt = nodesFromInline(read, source.codes);
        expect(rebuilt).toEqual(normalise(nodes));
        expect(inlineText(read)).toBe(nodes.map((node: any) => (node.type === 'link' ? node.children.map((child: any) => child.text).join('') : node.text)).join(''));
      }),
      fuzzOptions('inline-codes round trip', 150),
    );
  });

  it('refuse every dropped, repeated or invented tag', async () => {
    await fc.assert(
      fc.asyncProperty(paragraph, fc.nat(), fc.constantFrom('drop', 'repeat', 'invent'), async (nodes, pick, mutation) => {
        const source = segmentOfNodes(nodes);
        const ids = [...source.codes.keys()];
        fc.pre(ids.length > 0 || mutation === 'invent');
        const id = ids[pick % Math.max(ids.length, 1)];
        const strip = (content: Inline[]): Inline[] => content.flatMap((item) => (typeof item !== 'string' && item.id === id ? (item.kind === 'g' ? strip(item.children) : []) : typeof item !== 'string' && item.kind === 'g' ? [{ ...item, children: strip(item.children) }] : [item]));
        const find = (content: Inline[]): Inline | undefined => content.map((item) => (typeof item === 'string' ? undefined : item.id === id ? item : item.kind === 'g' ? find(item.children) : undefined)).find(Boolean);
        const target =
          mutation === 'drop' ? strip(source.content)
          : mutation === 'repeat' ? [...source.content, find(source.content)!]
          : [...source.content, { kind: 'x' as const, id: String(ids.length + 1), ctype: 'lb' }];
        const problems = tagProblems(await asXliffTarget(target), source.codes);
        expect(problems.length).toBeGreaterThan(0);
        if (mutation !== 'invent') expect(problems.join(' ')).toContain(`id="${id}"`);
      }),
      fuzzOptions('inline-codes broken tags', 150),
    );
  });
});
