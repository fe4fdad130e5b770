import crypto from 'crypto';
import { isLocalizedAttribute } from '../domain/content-types';
import { blocksToText } from '../domain/rich-text';

/**
 * The translatable text of an entry, normalised so that formatting (bold, links, spacing) and
 * non-text fields do not count: a translation is outdated only when the words of its source change.
 */
export type ModelLookup = (uid: string) => { attributes: Record<string, any> };

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

const TEXT_TYPES = ['string', 'text', 'richtext', 'blocks'];

const fieldText = (path: string, attribute: Record<string, any>, value: unknown, getModel: ModelLookup): string[] => {
  if (value === null || value === undefined) return [];
  if (attribute.type === 'component') {
    const nested = getModel(attribute.component).attributes;
    return [value].flat().flatMap((item: any, index: number) =>
      Object.entries(nested).flatMap(([name, child]) => fieldText(`${path}.${index}.${name}`, child, item?.[name], getModel)),
    );
  }
  if (!TEXT_TYPES.includes(attribute.type)) return [];
  // Blocks keep their paragraph breaks (a moved sentence is a change), lose their formatting.
  const text = attribute.type === 'blocks' ? blocksToText(value).split('\n').map(normalise).join('\n') : normalise(String(value));
  return text === '' ? [] : [`${path}=${text}`];
};

/** One line per localized text value (components included), in schema order. */
export const translatableText = (attributes: Record<string, any>, entry: Record<string, any> | null | undefined, getModel: ModelLookup): string[] =>
  entry
    ? Object.entries(attributes)
        .filter(([, attribute]) => isLocalizedAttribute(attribute))
        .flatMap(([name, attribute]) => fieldText(name, attribute, entry[name], getModel))
    : [];

export const fingerprint = (lines: string[]): string => crypto.createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 32);
