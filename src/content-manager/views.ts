import { isDeepStrictEqual } from 'util';
import type { EditGroups, ModelView } from './field-help';

/** The Content Manager's stored view of a type or component (the parts this project sets). */
export type ViewConfiguration = {
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit: Record<string, unknown>; list: Record<string, unknown> }>;
  layouts: { list: string[]; edit: Array<Array<{ name: string; size: number }>> };
};

/** One setting this project manages: where it is in the configuration, and the value it wants. */
export type Piece = { path: string[]; value: unknown };

const FULL_WIDTH = ['blocks', 'richtext', 'json', 'component', 'dynamiczone', 'text'];
const NARROW = ['integer', 'biginteger', 'float', 'decimal', 'boolean'];

/** Width on the edit view's 12-column grid: long text and lists across, numbers narrow. */
export const fieldSize = (attribute: { type: string }) => (FULL_WIDTH.includes(attribute.type) ? 12 : NARROW.includes(attribute.type) ? 4 : 6);

/**
 * Edit view rows: text, then facts, then relations, each group starting a new row and filling
 * rows of 12 in order; fields of the current layout that the groups do not name keep their order
 * after them (a field added to the schema later is not lost).
 */
export const editLayout = (attributes: Record<string, { type: string }>, groups: EditGroups, currentLayout: ViewConfiguration['layouts']['edit']) => {
  const named = [...groups.text, ...groups.facts, ...groups.relations];
  const others = currentLayout.flat().map((field) => field.name).filter((name) => !named.includes(name));
  const rows: ViewConfiguration['layouts']['edit'] = [];
  for (const group of [groups.text, groups.facts, groups.relations, others]) {
    let row: Array<{ name: string; size: number }> = [];
    for (const name of group.filter((field) => attributes[field])) {
      const size = fieldSize(attributes[name]);
      if (row.reduce((sum, field) => sum + field.size, 0) + size > 12) {
        rows.push(row);
        row = [];
      }
      row.push({ name, size });
    }
    if (row.length > 0) rows.push(row);
  }
  return rows;
};

/** Everything a view sets, as pieces: labels and help per field, list columns and sort, edit layout. */
export const viewPieces = (view: ModelView, attributes: Record<string, { type: string }>, current: ViewConfiguration): Piece[] => [
  ...Object.entries(view.fields)
    .filter(([name]) => attributes[name] && current.metadatas[name])
    .flatMap(([name, help]) => [
      { path: ['metadatas', name, 'edit', 'label'], value: help.label },
      { path: ['metadatas', name, 'edit', 'description'], value: help.description },
      { path: ['metadatas', name, 'list', 'label'], value: help.label },
    ]),
  ...(view.list
    ? [
        { path: ['layouts', 'list'], value: view.list.columns.filter((name) => attributes[name]) },
        { path: ['settings', 'defaultSortBy'], value: view.list.sortBy },
        { path: ['settings', 'defaultSortOrder'], value: view.list.order },
      ]
    : []),
  ...(view.edit ? [{ path: ['layouts', 'edit'], value: editLayout(attributes, view.edit, current.layouts.edit) }] : []),
];

const valueAt = (object: any, path: string[]) => path.reduce((node, key) => node?.[key], object);
const withValueAt = (object: any, path: string[], value: unknown): any => {
  const [key, ...rest] = path;
  return { ...object, [key]: rest.length === 0 ? value : withValueAt(object?.[key] ?? {}, rest, value) };
};

/**
 * The configuration with this project's pieces set, except where an administrator changed a
 * piece since this project last set it (the stored value is no longer the one applied then):
 * that change is kept. `applied` is what to remember as applied now.
 */
export const mergeView = (current: ViewConfiguration, pieces: Piece[], lastApplied: Record<string, unknown> = {}) => {
  let next = current;
  const applied: Record<string, unknown> = {};
  const kept: string[] = [];
  for (const { path, value } of pieces) {
    const key = path.join('.');
    const stored = valueAt(current, path);
    const changedByAdmin = key in lastApplied && !isDeepStrictEqual(stored, lastApplied[key]) && !isDeepStrictEqual(stored, value);
    if (changedByAdmin) {
      kept.push(key);
      applied[key] = lastApplied[key];
      continue;
    }
    if (!isDeepStrictEqual(stored, value)) next = withValueAt(next, path, value);
    applied[key] = value;
  }
  return { configuration: next, applied, kept, changed: next !== current };
};
