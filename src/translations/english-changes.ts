import { diffWords } from 'diff';
import type { TextUnit } from './xliff-format';

/**
 * What changed in English since a translation was saved: the English text each unit had then is
 * kept with the translation's fingerprint, and compared word by word with the text it has now.
 */
export type SourceSnapshot = Array<{ path: string; field: string; text: string }>;
export type WordChange = { kind: 'same' | 'added' | 'removed'; text: string };
/** `label`: what the Content Manager calls the field, when the caller knows it. */
export type FieldChange = { field: string; label?: string; before: string; after: string; diff: WordChange[] };

const normalise = (text: string) => text.replace(/[^\S\n]+/g, ' ').trim();

export const snapshotOf = (units: TextUnit[]): SourceSnapshot => units.map(({ path, field, text }) => ({ path, field, text: normalise(text) }));

export const wordDiff = (before: string, after: string): WordChange[] =>
  diffWords(before, after).map((part) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value }));

/** `[-removed-]{+added+}`, as `git diff --word-diff` writes it: readable in a CAT tool's note. */
export const wordDiffText = (diff: WordChange[]) =>
  diff.map((part) => (part.kind === 'added' ? `{+${part.text}+}` : part.kind === 'removed' ? `[-${part.text}-]` : part.text)).join('');

/** Per field, in the order of the current English: its text then and now, where they differ. */
export const fieldChanges = (snapshot: SourceSnapshot, current: TextUnit[]): FieldChange[] => {
  const fields = [...new Set([...current.map((unit) => unit.field), ...snapshot.map((unit) => unit.field)])];
  return fields.flatMap((field) => {
    const before = snapshot.filter((unit) => unit.field === field).map((unit) => unit.text).join('\n');
    const after = current.filter((unit) => unit.field === field).map((unit) => normalise(unit.text)).join('\n');
    return before === after ? [] : [{ field, before, after, diff: wordDiff(before, after) }];
  });
};

/** The note for one unit of an outdated translation, or nothing when its English did not change. */
export const unitChangeNote = (snapshot: SourceSnapshot | undefined, unit: TextUnit): string | undefined => {
  if (!snapshot) return undefined;
  const before = snapshot.find((entry) => entry.path === unit.path)?.text;
  const now = normalise(unit.text);
  if (before === now) return undefined;
  if (before === undefined) return 'English: new text since the last translation.';
  return `English changed since the last translation: ${wordDiffText(wordDiff(before, now))}`;
};
