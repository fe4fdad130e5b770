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

export const buildXliff = ({ sourceLanguage, targetLanguage, files }: { sourceLanguage: string; targetLanguage: string; files: XliffFile[] }): string => {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
  ];
  for (const file of files) {
    lines.push(`  <file original="${escapeXml(file.original)}" datatype="plaintext" source-language="${escapeXml(sourceLanguage)}" target-language="${escapeXml(targetLanguage)}">`);
    lines.push('    <body>');
    for (const unit of file.units) {
      lines.push(`      <trans-unit id="${escapeXml(unit.id)}" xml:space="preserve">`);
      lines.push(`        <source>${inlineXml(unit.source)}</source>`);
      if (unit.target !== undefined) lines.push(`        <target${unit.state ? ` state="${unit.state}"` : ''}>${inlineXml(unit.target)}</target>`);
      if (unit.note) lines.push(`        <note>${escapeXml(unit.note)}</note>`);
      lines.push('      </trans-unit>');
    }
    lines.push('    </body>');
    lines.push('  </file>');
  }
  lines.push('</xliff>', '');
  return lines.join('\n');
};

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
