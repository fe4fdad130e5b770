import { fieldChanges, snapshotOf, unitChangeNote, wordDiff, wordDiffText } from '../../src/translations/english-changes';
import { plainSegment, segmentOfNodes } from '../../src/translations/inline-codes';
import type { TextUnit } from '../../src/translations/xliff-format';

const unit = (path: string, field: string, text: string): TextUnit => ({ path, field, text, segment: plainSegment(text) });

describe('what changed in English', () => {
  const then = snapshotOf([unit('summary', 'summary', 'The capital of  French Flanders.'), unit('description/0', 'description', 'Since 1968.'), unit('description/1', 'description', 'Youth exchanges.')]);

  it('is a word-level diff per field, in the order of the current English', () => {
    const now = [unit('summary', 'summary', 'The capital of Flanders, France.'), unit('description/0', 'description', 'Since 1968.'), unit('description/1', 'description', 'Youth and school exchanges.')];
    const changes = fieldChanges(then, now);
    expect(changes.map((change) => change.field)).toEqual(['summary', 'description']);
    expect(changes[0]).toMatchObject({ before: 'The capital of French Flanders.', after: 'The capital of Flanders, France.' });
    expect(wordDiffText(changes[0].diff)).toBe('The capital of [-French -]Flanders{+, France+}.');
    expect(wordDiffText(changes[1].diff)).toBe('Since 1968.\nYouth {+and school +}exchanges.');
    expect(changes[1].diff.filter((part) => part.kind !== 'same').map((part) => part.text)).toEqual(['and school ']);
  });

  it('is empty when only formatting or spacing changed', () => {
    const bold = { ...unit('summary', 'summary', ''), ...(() => { const segment = segmentOfNodes([{ type: 'text', text: 'The capital of ' }, { type: 'text', text: 'French Flanders.', bold: true }]); return { segment, text: 'The capital of French Flanders.' }; })() };
    expect(fieldChanges(then, [bold, unit('description/0', 'description', 'Since  1968.'), unit('description/1', 'description', 'Youth exchanges.')])).toEqual([]);
  });

  it('counts a new paragraph, and a field the English no longer has (after the current ones)', () => {
    const changes = fieldChanges(then, [unit('description/0', 'description', 'Since 1968.'), unit('description/1', 'description', 'Youth exchanges.'), unit('description/2', 'description', 'Sport.')]);
    expect(changes).toEqual([
      { field: 'description', before: 'Since 1968.\nYouth exchanges.', after: 'Since 1968.\nYouth exchanges.\nSport.', diff: expect.any(Array) },
      { field: 'summary', before: 'The capital of French Flanders.', after: '', diff: wordDiff('The capital of French Flanders.', '') },
    ]);
  });

  it('gives each changed unit a note for the XLIFF export', () => {
    expect(unitChangeNote(then, unit('summary', 'summary', 'The capital of Flanders.'))).toBe('English changed since the last translation: The capital of [-French -]Flanders.');
    expect(unitChangeNote(then, unit('description/0', 'description', 'Since 1968.'))).toBeUndefined();
    expect(unitChangeNote(then, unit('description/2', 'description', 'Sport.'))).toBe('English: new text since the last translation.');
    expect(unitChangeNote(undefined, unit('summary', 'summary', 'x'))).toBeUndefined();
  });
});
