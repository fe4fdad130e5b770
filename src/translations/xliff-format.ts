/**
 * XLIFF 1.2 for CAT tools (Trados, memoQ, Phrase, OmegaT): one trans-unit per piece of
 * localized text. Rich text gives one unit per block (list: per item) so translators see
 * sentences, and the block structure is rebuilt from the English source on import; formatting
 * inside a block travels as inline codes (inline-codes.ts). Unit ids are
 * `documentId/field[/block[/item]]` or `documentId/component/index/field`: stable across exports.
 */
import { isLocalizedAttribute } from '../domain/content-types';
import type { ModelLookup } from './source-text';
import { escapeXml, inlineText, inlineXml, plainSegment, segmentOfNodes, type Inline, type Segment } from './inline-codes';

/** `state`: XLIFF 1.2's target state, for a target that is the English copied or needs checking. */
export type TranslationUnit = { id: string; source: Inline[]; target?: Inline[]; note?: string; state?: 'needs-translation' | 'needs-review-translation' };
export type XliffFile = { original: string; units: TranslationUnit[] };

const PROSE_TYPES = ['string', 'text', 'richtext'];
/** Patterned strings (codes, URLs) are data, not prose: never sent for translation. */
const isProse = (attribute: Record<string, any>) => PROSE_TYPES.includes(attribute.type) && !attribute.regex;
const TEXT_BLOCKS = ['paragraph', 'heading', 'quote'];

/** One piece of text to translate: `field` names the attribute (`component.name` inside components). */
export type TextUnit = { path: string; field: string; text: string; segment: Segment };

/** The blocks of a Blocks value that hold text, with their unit path suffixes and inline nodes. */
const textBlocks = (blocks: unknown): Array<{ path: string; children: unknown }> =>
  Array.isArray(blocks)
    ? blocks.flatMap((block: any, index: number) => {
        if (block?.type === 'list') return (block.children ?? []).map((item: any, itemIndex: number) => ({ path: `${index}/${itemIndex}`, children: item?.children }));
        if (TEXT_BLOCKS.includes(block?.type)) return [{ path: String(index), children: block.children }];
        return [];
      })
    : [];

const unitOf = (path: string, field: string, segment: Segment): TextUnit => ({ path, field, text: inlineText(segment.content), segment });

/** Every translatable text of an entry, in schema order. */
export const entryTexts = (attributes: Record<string, any>, entry: Record<string, any> | null | undefined, getModel: ModelLookup): TextUnit[] => {
  if (!entry) return [];
  return Object.entries(attributes).flatMap(([field, attribute]): TextUnit[] => {
    if (!isLocalizedAttribute(attribute)) return [];
    const value = entry[field];
    if (value === null || value === undefined) return [];
    if (attribute.type === 'blocks') return textBlocks(value).map(({ path, children }) => unitOf(`${field}/${path}`, field, segmentOfNodes(children)));
    if (attribute.type === 'component') {
      const nested = getModel(attribute.component).attributes;
      return [value].flat().flatMap((item: any, index: number) =>
        Object.entries(nested)
          .filter(([name, child]) => isProse(child) && typeof item?.[name] === 'string')
          .map(([name]) => unitOf(`${field}/${index}/${name}`, `${field}.${name}`, plainSegment(item[name]))),
      );
    }
    return isProse(attribute) && typeof value === 'string' ? [unitOf(field, field, plainSegment(value))] : [];
  }).filter((unit) => unit.text.trim() !== '');
};

/** The `<trans-unit>` elements of some units, each line ending with a newline: a file's body, or a part of it. */
export const renderUnits = (units: readonly TranslationUnit[]): string => {
  let xml = '';
  for (const unit of units) {
    xml += `      <trans-unit id="${escapeXml(unit.id)}" xml:space="preserve">\n`;
    xml += `        <source>${inlineXml(unit.source)}</source>\n`;
    if (unit.target !== undefined) xml += `        <target${unit.state ? ` state="${unit.state}"` : ''}>${inlineXml(unit.target)}</target>\n`;
    if (unit.note) xml += `        <note>${escapeXml(unit.note)}</note>\n`;
    xml += '      </trans-unit>\n';
  }
  return xml;
};

type XliffHeader = { sourceLanguage: string; targetLanguage: string };

/** An XLIFF 1.2 document's parts around its files' bodies, in order. */
const documentParts = <Body>({ sourceLanguage, targetLanguage }: XliffHeader, files: Array<{ original: string; body: Body }>): Array<string | Body> => [
  '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n',
  ...files.flatMap((file) => [
    `  <file original="${escapeXml(file.original)}" datatype="plaintext" source-language="${escapeXml(sourceLanguage)}" target-language="${escapeXml(targetLanguage)}">\n    <body>\n`,
    file.body,
    '    </body>\n  </file>\n',
  ]),
  '</xliff>\n',
];

/** An XLIFF 1.2 document from files whose bodies are already rendered (`renderUnits`). */
export const xliffDocument = ({ files, ...header }: XliffHeader & { files: Array<{ original: string; body: string }> }): string => documentParts(header, files).join('');

/**
 * The same document as UTF-8, from bodies already encoded piece by piece: a large export is then
 * copied, not joined and encoded again (at 10,000 projects, joining the strings and encoding them
 * took ~110 ms of a warm 8 MB export; the whole warm export now takes 35–80 ms).
 */
export const xliffDocumentBytes = ({ files, ...header }: XliffHeader & { files: Array<{ original: string; body: Buffer[] }> }): Buffer =>
  Buffer.concat(documentParts(header, files).flatMap((part) => (typeof part === 'string' ? [Buffer.from(part)] : part)));

export const buildXliff = ({ sourceLanguage, targetLanguage, files }: { sourceLanguage: string; targetLanguage: string; files: XliffFile[] }): string =>
  xliffDocument({ sourceLanguage, targetLanguage, files: files.map((file) => ({ original: file.original, body: renderUnits(file.units) })) });

/** A target as it will be written: inline nodes for a block, text for a plain field, or the existing translation as it is. */
export type TargetValue = { nodes: unknown[] } | { text: string } | { keep: true };

/**
 * The locale's data for one entry: English structure, translated texts. `targets` maps unit
 * paths (without the documentId) to imported values; a path without one keeps the existing
 * translation at the same place (formatting included), or the English. A new translation gets
 * every localized text field; an existing one only those the targets touch.
 */
export const applyTargets = (
  attributes: Record<string, any>,
  source: Record<string, any>,
  existing: Record<string, any> | null,
  targets: Map<string, TargetValue>,
  getModel: ModelLookup,
): Record<string, unknown> => {
  const existingTexts = new Map(entryTexts(attributes, existing, getModel).map((unit) => [unit.path, unit.text]));
  const existingChildren = new Map<string, unknown>(
    Object.entries(attributes)
      .filter(([field, attribute]) => attribute.type === 'blocks' && existing?.[field])
      .flatMap(([field]) => textBlocks(existing![field]).map(({ path, children }) => [`${field}/${path}`, children] as [string, unknown])),
  );
  const textFor = (path: string, english: string) => {
    const target = targets.get(path);
    return target && 'text' in target ? target.text : (existingTexts.get(path) ?? english);
  };
  const childrenFor = (path: string, english: unknown) => {
    const target = targets.get(path);
    return target && 'nodes' in target ? target.nodes : (existingChildren.get(path) ?? english);
  };
  // A new translation needs every field (some are required): those without a target start as the English.
  const touched = (prefix: string) => !existing || [...targets.keys()].some((path) => path === prefix || path.startsWith(`${prefix}/`));
  const data: Record<string, unknown> = {};
  for (const [field, attribute] of Object.entries(attributes)) {
    if (!isLocalizedAttribute(attribute) || !touched(field) || source[field] === null || source[field] === undefined) continue;
    if (attribute.type === 'blocks') {
      data[field] = (source[field] as any[]).map((block: any, index: number) => {
        if (block?.type === 'list') return { ...block, children: (block.children ?? []).map((item: any, itemIndex: number) => ({ ...item, children: childrenFor(`${field}/${index}/${itemIndex}`, item.children) })) };
        if (TEXT_BLOCKS.includes(block?.type)) return { ...block, children: childrenFor(`${field}/${index}`, block.children) };
        return block;
      });
    } else if (attribute.type === 'component') {
      const nested = getModel(attribute.component).attributes;
      data[field] = [source[field]].flat().map((item: any, index: number) => {
        const { id: _id, ...copy } = item ?? {};
        for (const [name, child] of Object.entries(nested)) {
          if (isProse(child) && typeof copy[name] === 'string') copy[name] = textFor(`${field}/${index}/${name}`, copy[name]);
        }
        return copy;
      });
      if (!attribute.repeatable) data[field] = (data[field] as unknown[])[0] ?? null;
    } else if (isProse(attribute)) {
      data[field] = textFor(field, source[field]);
    }
  }
  return data;
};
