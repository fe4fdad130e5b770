/**
 * XLIFF 1.2 for CAT tools (Trados, memoQ, Phrase, OmegaT): one trans-unit per piece of
 * localized text. Rich text gives one unit per block (list: per item) so translators see
 * sentences, and the block structure is rebuilt from the English source on import. Unit ids are
 * `documentId/field[/block[/item]]` or `documentId/component/index/field`: stable across exports.
 */
import { isLocalizedAttribute } from '../domain/content-types';
import type { ModelLookup } from './source-text';

export type TranslationUnit = { id: string; source: string; target?: string; note?: string };
export type XliffFile = { original: string; units: TranslationUnit[] };

const PROSE_TYPES = ['string', 'text', 'richtext'];
/** Patterned strings (codes, URLs) are data, not prose: never sent for translation. */
const isProse = (attribute: Record<string, any>) => PROSE_TYPES.includes(attribute.type) && !attribute.regex;

const blockText = (node: any): string => {
  if (!node || typeof node !== 'object') return '';
  if (typeof node.text === 'string') return node.text;
  return Array.isArray(node.children) ? node.children.map(blockText).join('') : '';
};

/** The texts of a Blocks value with their unit path suffixes. */
const blockTexts = (blocks: unknown): Array<[string, string]> =>
  Array.isArray(blocks)
    ? blocks.flatMap((block: any, index: number): Array<[string, string]> => {
        if (block?.type === 'list') return (block.children ?? []).map((item: any, itemIndex: number) => [`${index}/${itemIndex}`, blockText(item)]);
        if (['paragraph', 'heading', 'quote'].includes(block?.type)) return [[String(index), blockText(block)]];
        return [];
      })
    : [];

/** Every translatable text of an entry as [unit path, text], in schema order. */
export const entryTexts = (attributes: Record<string, any>, entry: Record<string, any> | null | undefined, getModel: ModelLookup): Array<[string, string, string]> => {
  if (!entry) return [];
  return Object.entries(attributes).flatMap(([field, attribute]): Array<[string, string, string]> => {
    if (!isLocalizedAttribute(attribute)) return [];
    const value = entry[field];
    if (value === null || value === undefined) return [];
    if (attribute.type === 'blocks') return blockTexts(value).map(([path, text]) => [`${field}/${path}`, text, field]);
    if (attribute.type === 'component') {
      const nested = getModel(attribute.component).attributes;
      return [value].flat().flatMap((item: any, index: number) =>
        Object.entries(nested)
          .filter(([name, child]) => isProse(child) && typeof item?.[name] === 'string')
          .map(([name]): [string, string, string] => [`${field}/${index}/${name}`, item[name], `${field}.${name}`]),
      );
    }
    return isProse(attribute) && typeof value === 'string' ? [[field, value, field]] : [];
  }).filter(([, text]) => text.trim() !== '');
};

const escapeXml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

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
      lines.push(`        <source>${escapeXml(unit.source)}</source>`);
      if (unit.target !== undefined) lines.push(`        <target>${escapeXml(unit.target)}</target>`);
      if (unit.note) lines.push(`        <note>${escapeXml(unit.note)}</note>`);
      lines.push('      </trans-unit>');
    }
    lines.push('    </body>');
    lines.push('  </file>');
  }
  lines.push('</xliff>', '');
  return lines.join('\n');
};

const withText = (node: any, text: string) => ({ ...node, children: [{ type: 'text', text }] });

/**
 * The locale's data for one entry: English structure, translated texts. `targets` maps unit
 * paths (without the documentId) to the imported text; a path without one keeps the existing
 * translation at the same place, or the English text.
 */
export const applyTargets = (
  attributes: Record<string, any>,
  source: Record<string, any>,
  existing: Record<string, any> | null,
  targets: Map<string, string>,
  getModel: ModelLookup,
): Record<string, unknown> => {
  const existingTexts = new Map(entryTexts(attributes, existing, getModel).map(([path, text]) => [path, text]));
  const textFor = (path: string, english: string) => targets.get(path) ?? existingTexts.get(path) ?? english;
  const touched = (prefix: string) => [...targets.keys()].some((path) => path === prefix || path.startsWith(`${prefix}/`));
  const data: Record<string, unknown> = {};
  for (const [field, attribute] of Object.entries(attributes)) {
    if (!isLocalizedAttribute(attribute) || !touched(field) || source[field] === null || source[field] === undefined) continue;
    if (attribute.type === 'blocks') {
      data[field] = (source[field] as any[]).map((block: any, index: number) => {
        if (block?.type === 'list') return { ...block, children: (block.children ?? []).map((item: any, itemIndex: number) => withText(item, textFor(`${field}/${index}/${itemIndex}`, blockText(item)))) };
        if (['paragraph', 'heading', 'quote'].includes(block?.type)) return withText(block, textFor(`${field}/${index}`, blockText(block)));
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
