import fs from 'fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { LRUCache } from 'lru-cache';
import { xliff12ToJs } from 'xliff';
import { isCouncilContentType, type ContentTypeUid } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import { applyTargets, renderUnits, xliffDocumentBytes, type TargetValue, type TextUnit, type TranslationUnit } from './xliff-format';
import { alignToSource, inlineFromXliffJs, inlineText, nodesFromInline, sameContent, tagProblems, UnsupportedTag, type Inline } from './inline-codes';
import { type SourceSnapshot, unitChangeNote } from './english-changes';
import { withAuditAction } from '../audit/scope';
import { modelLookup, sourceAttributes, storedSourceTexts, textPopulate, textUnitsOf } from './fingerprints';
import { type TranslationRow, translationRows, translationState } from './source-fingerprints';
import type { TranslationState } from './status';
import { contentTypeOf, queryOf } from '../database/models';
import { parseXliffOffThread } from './xliff-parser';


/** Published English rows, the source of every unit, by documentId. */
const englishPublished = async (strapi: Core.Strapi, uid: string, documentIds?: string[]) => {
  const rows: Array<Record<string, any>> = await queryOf(strapi, uid).findMany({
    where: { locale: DEFAULT_LOCALE, publishedAt: { $notNull: true }, ...(documentIds ? { documentId: { $in: documentIds } } : {}) },
    populate: textPopulate(strapi, uid),
    orderBy: { id: 'asc' },
  });
  return new Map(rows.map((row) => [row.documentId as string, row]));
};

const localeDrafts = async (strapi: Core.Strapi, uid: string, locale: string, documentIds?: string[]) => {
  const rows: Array<Record<string, any>> = await queryOf(strapi, uid).findMany({
    where: { locale, publishedAt: null, ...(documentIds ? { documentId: { $in: documentIds } } : {}) },
    populate: textPopulate(strapi, uid),
  });
  return new Map(rows.map((row) => [row.documentId as string, row]));
};

const editLink = (strapi: Core.Strapi, uid: string, documentId: string, locale: string) => {
  const base = (strapi.config.get('server.url') as string) || '';
  const kind = contentTypeOf(strapi, uid).kind === 'singleType' ? `single-types/${uid}` : `collection-types/${uid}/${documentId}`;
  return `${base}/admin/content-manager/${kind}?plugins[i18n][locale]=${locale}`;
};

const REVIEW_FORMATTING = 'The current translation is formatted differently from the English: place the tags again.';

/** A document's rendered units for one locale and kind of export, with the versions they were rendered from. */
type RenderedUnits = { version: string; xml: Buffer; units: number };

/** Rendered units per app: at 10,000 projects a locale's export is ~8 MB of XML, so two locales' worth and a little more. */
const RENDERED_UNITS_BYTES = 24 * 1024 * 1024;
/** Documents loaded and rendered at a time. */
const RENDER_BATCH = 1000;
const renderedByApp = new WeakMap<Core.Strapi, LRUCache<string, RenderedUnits>>();
const renderedUnits = (strapi: Core.Strapi) => {
  let cache = renderedByApp.get(strapi);
  if (!cache) renderedByApp.set(strapi, (cache = new LRUCache<string, RenderedUnits>({ maxSize: RENDERED_UNITS_BYTES, sizeCalculation: (entry, key) => entry.xml.byteLength + entry.version.length + key.length + 64 })));
  return cache;
};

/**
 * Everything a document's units are made from, as versions: its English source row, the locale's
 * draft row, and the fingerprint row (what changed in English since, for an outdated translation).
 * Equal versions, equal units: a unit rendered once is reused until one of them changes.
 */
const unitsVersion = (row: TranslationRow) =>
  [row.sourceVersion, row.translationVersion ?? '-', row.storedFingerprint ?? '-', row.sourceTextsKept ? 'kept' : '-', row.sourceFingerprint ?? '-'].join('|');

/** The trans-units of one document (its published English, its draft in the locale), as export writes them. */
const documentUnits = (
  strapi: Core.Strapi,
  uid: string,
  locale: string,
  prefill: boolean,
  { documentId, source, target, state, snapshot }: { documentId: string; source: Record<string, any>; target: Record<string, any> | undefined; state: TranslationState; snapshot: SourceSnapshot | undefined },
): TranslationUnit[] => {
  const model = strapi.getModel(uid as any);
  const translated = new Map(textUnitsOf(strapi, uid, target).map((unit) => [unit.path, unit]));
  return textUnitsOf(strapi, uid, source).map((unit): TranslationUnit => {
    const existing = translated.get(unit.path);
    const aligned = existing ? alignToSource(existing.segment, unit.segment) : undefined;
    const notes = [
      `${model.info.displayName} "${source.name ?? source.title ?? documentId}", field ${unit.field}: ${editLink(strapi, uid, documentId, locale)}`,
      state === 'outdated' ? unitChangeNote(snapshot, unit) : undefined,
      aligned && !aligned.complete ? REVIEW_FORMATTING : undefined,
    ];
    return {
      id: `${documentId}/${unit.path}`,
      source: unit.segment.content,
      ...(aligned ? { target: aligned.content, state: aligned.complete ? undefined : 'needs-review-translation' } : {}),
      ...(!aligned && prefill ? { target: unit.segment.content, state: 'needs-translation' } : {}),
      note: notes.filter(Boolean).join('\n'),
    };
  });
};

/**
 * XLIFF 1.2 of the published English text, with the locale's current draft as targets (its
 * formatting written with the source's tag ids), and for outdated translations a note per unit
 * saying what changed in English since. `prefill` gives units without a translation the English
 * as target (state needs-translation): OmegaT's built-in XLIFF filter translates targets in place.
 *
 * Which documents, and in which state, comes from the translation rows (one query, kept up to
 * date: source-fingerprints.ts). Each document's units are rendered once and kept with the
 * versions they were made from; only documents changed since are loaded and rendered again (at
 * 10,000 projects a full export went from ~1 s to what sending 8 MB costs). Inside a transaction
 * nothing is reused, as with the rows: the transaction's own changes are in no version yet.
 */
export const exportXliff = async (
  strapi: Core.Strapi,
  { locale, uids, statuses, prefill = false }: { locale: string; uids: readonly ContentTypeUid[]; statuses?: TranslationState[]; prefill?: boolean },
) => {
  const rendered = strapi.db.inTransaction() ? new LRUCache<string, RenderedUnits>({ max: 1 }) : renderedUnits(strapi);
  const files: Array<{ original: string; body: Buffer[]; units: number }> = [];
  for (const uid of uids) {
    const rows = (await translationRows(strapi, uid, locale))
      .filter((row) => row.published && (!statuses || statuses.includes(translationState(row))))
      .sort((a, b) => a.sourceId - b.sourceId);
    const keyOf = (row: TranslationRow) => `${uid}|${locale}|${prefill ? 'prefill' : 'plain'}|${row.documentId}`;
    // Taken now: rendering the others may evict some from the memo before the file is written.
    const entries = new Map<string, RenderedUnits>();
    for (const row of rows) {
      const known = rendered.get(keyOf(row));
      if (known?.version === unitsVersion(row)) entries.set(row.documentId, known);
    }
    const toRender = rows.filter((row) => !entries.has(row.documentId));
    // In batches: bounded memory and query size after a bulk import, when every document is new.
    for (let start = 0; start < toRender.length; start += RENDER_BATCH) {
      const batch = toRender.slice(start, start + RENDER_BATCH);
      const documentIds = batch.map((row) => row.documentId);
      const outdated = batch.filter((row) => translationState(row) === 'outdated').map((row) => row.documentId);
      const [sources, targets, snapshots] = await Promise.all([
        englishPublished(strapi, uid, documentIds),
        localeDrafts(strapi, uid, locale, documentIds),
        outdated.length > 0 ? storedSourceTexts(strapi, uid, locale, outdated) : new Map<string, SourceSnapshot>(),
      ]);
      for (const row of batch) {
        const source = sources.get(row.documentId);
        // Unpublished since the rows were read: left out, as if the rows had been read a moment later.
        if (!source) continue;
        const state = translationState(row);
        const units = documentUnits(strapi, uid, locale, prefill, { documentId: row.documentId, source, target: targets.get(row.documentId), state, snapshot: snapshots.get(row.documentId) });
        const entry = { version: unitsVersion(row), xml: Buffer.from(renderUnits(units)), units: units.length };
        entries.set(row.documentId, entry);
        rendered.set(keyOf(row), entry);
      }
    }
    const parts = rows.flatMap((row) => entries.get(row.documentId) ?? []);
    files.push({ original: uid, body: parts.map((part) => part.xml), units: parts.reduce((sum, part) => sum + part.units, 0) });
  }
  // Types with nothing to translate are left out (CAT tools dislike empty files), but XLIFF needs one <file>.
  const withUnits = files.filter((file) => file.units > 0);
  return xliffDocumentBytes({ sourceLanguage: DEFAULT_LOCALE, targetLanguage: locale, files: withUnits.length > 0 ? withUnits : files.slice(0, 1) });
};

type XliffUnit = { source?: unknown; target?: unknown };
export type ParsedXliff = { sourceLanguage?: string; targetLanguage?: string; resources: Record<string, Record<string, XliffUnit>> };

/**
 * The xliff package's reading, keeping text that is only spaces between two inline codes: by
 * default it drops it, and `<g>bold</g> <g>italic</g>` came back as "bolditalic".
 */
export const parseXliff12 = (xml: string) =>
  (xliff12ToJs as unknown as (xml: string, options: { captureSpacesBetweenElements: boolean }) => Promise<ParsedXliff>)(xml, { captureSpacesBetweenElements: true });

/** Reads an XLIFF 1.2 file, off the event loop (./xliff-parser.ts); a malformed one is a 400 that says where. */
export const readXliff = (xml: string): Promise<ParsedXliff> => parseXliffOffThread(xml);

const sameText = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

const contentOf = (value: unknown): { content?: Inline[]; unsupported?: string } => {
  try {
    return { content: inlineFromXliffJs(value) };
  } catch (error) {
    if (error instanceof UnsupportedTag) return { unsupported: error.message };
    throw error;
  }
};

/**
 * The text units of each entry by path, worked out once per document: a file has a unit per
 * paragraph, and segmenting every paragraph of the document again for each was quadratic.
 */
const unitsByPath = (strapi: Core.Strapi, uid: string, entries: Map<string, Record<string, any>>) => {
  const cache = new Map<string, Map<string, TextUnit>>();
  return (documentId: string) => {
    if (!cache.has(documentId)) cache.set(documentId, new Map(textUnitsOf(strapi, uid, entries.get(documentId)).map((unit) => [unit.path, unit])));
    return cache.get(documentId)!;
  };
};

type Plan = { uid: ContentTypeUid; documentId: string; source: Record<string, any>; targets: Map<string, TargetValue> };

/**
 * Writes the targets of an XLIFF file into its target locale as drafts, all or nothing: a file
 * for another target language, an unknown unit, a unit whose English source has changed since
 * the export (stale) or a target whose tags do not match its source's (dropped, duplicated,
 * invented) is refused with 400 naming the units, and nothing is written. A target that is the
 * current translation as exported keeps that translation exactly, formatting included.
 */
export const wrongLanguage = (parsed: ParsedXliff, expectedLocale: string) =>
  new errors.ValidationError(`target-language is ${JSON.stringify(parsed.targetLanguage ?? null)}, this import is for ${expectedLocale}`, {
    code: 'xliff-wrong-language',
    fileLanguage: parsed.targetLanguage ?? null,
    locale: expectedLocale,
  });

export const importXliff = async (strapi: Core.Strapi, parsed: ParsedXliff, expectedLocale: string) => {
  if (parsed.targetLanguage !== expectedLocale) throw wrongLanguage(parsed, expectedLocale);
  if (parsed.sourceLanguage && parsed.sourceLanguage !== DEFAULT_LOCALE) {
    throw new errors.ValidationError(`source-language is ${JSON.stringify(parsed.sourceLanguage)}, translations are made from ${DEFAULT_LOCALE}`);
  }

  const unknown: string[] = [];
  const stale: string[] = [];
  const tags: Array<{ unit: string; problems: string[] }> = [];
  const plan: Plan[] = [];
  for (const [uid, units] of Object.entries(parsed.resources)) {
    if (!isCouncilContentType(uid)) {
      unknown.push(...Object.keys(units));
      continue;
    }
    const attributes = sourceAttributes(strapi, uid);
    const sources = await englishPublished(strapi, uid);
    const documentIds = [...new Set(Object.keys(units).map((id) => id.split('/')[0]))].filter((documentId) => sources.has(documentId));
    const drafts = await localeDrafts(strapi, uid, expectedLocale, documentIds);
    const sourceUnits = unitsByPath(strapi, uid, sources);
    const draftUnits = unitsByPath(strapi, uid, drafts);
    const byDocument = new Map<string, Map<string, TargetValue>>();
    for (const [id, unit] of Object.entries(units)) {
      const [documentId, ...rest] = id.split('/');
      const path = rest.join('/');
      const current = sourceUnits(documentId).get(path);
      if (!current) {
        unknown.push(id);
        continue;
      }
      const fileSource = contentOf(unit.source);
      if (fileSource.content && !sameContent(fileSource.content, current.segment.content) && sameText(inlineText(fileSource.content), current.text)) {
        tags.push({ unit: id, problems: ['the source lost or changed its tags (a tool that does not keep inline codes?): export again and keep the tags'] });
        continue;
      }
      if (!fileSource.content || !sameContent(fileSource.content, current.segment.content)) {
        stale.push(id);
        continue;
      }
      const target = contentOf(unit.target);
      if (target.unsupported) {
        tags.push({ unit: id, problems: [`${target.unsupported} is not in the source`] });
        continue;
      }
      if (!target.content || inlineText(target.content).trim() === '') continue;
      const existing = draftUnits(documentId).get(path);
      // The English copied into the target (a prefilled export left as it was) is not a translation.
      if (!existing && sameContent(target.content, current.segment.content)) continue;
      let value: TargetValue;
      if (existing && sameContent(alignToSource(existing.segment, current.segment).content, target.content)) {
        value = { keep: true };
      } else {
        const problems = tagProblems(target.content, current.segment.codes);
        if (problems.length > 0) {
          tags.push({ unit: id, problems });
          continue;
        }
        value = attributes[current.field]?.type === 'blocks' ? { nodes: nodesFromInline(target.content, current.segment.codes) } : { text: inlineText(target.content) };
      }
      if (!byDocument.has(documentId)) byDocument.set(documentId, new Map());
      byDocument.get(documentId)!.set(path, value);
    }
    for (const [documentId, targets] of byDocument) plan.push({ uid, documentId, source: sources.get(documentId)!, targets });
  }
  if (unknown.length > 0 || stale.length > 0 || tags.length > 0) {
    const parts = [
      ...(unknown.length ? [`${unknown.length} unknown unit(s): ${unknown.slice(0, 10).join(', ')}`] : []),
      ...(stale.length ? [`${stale.length} stale unit(s), whose English source changed since the export (export again): ${stale.slice(0, 10).join(', ')}`] : []),
      ...(tags.length ? [`${tags.length} unit(s) whose tags do not match the source: ${tags.slice(0, 10).map(({ unit, problems }) => `${unit}: ${problems.join(', ')}`).join('; ')}`] : []),
    ];
    throw new errors.ValidationError(`Nothing imported. ${parts.join('; ')}`, { code: 'xliff-refused', unknown, stale, tags });
  }

  const created: Array<{ uid: string; documentId: string }> = [];
  const updated: Array<{ uid: string; documentId: string }> = [];
  await withAuditAction('xliff-import', () => strapi.db.transaction(async () => {
    for (const { uid, documentId, source, targets } of plan) {
      const existing = (await localeDrafts(strapi, uid, expectedLocale, [documentId])).get(documentId) ?? null;
      const data = applyTargets(sourceAttributes(strapi, uid), source, existing, targets, modelLookup(strapi));
      await strapi.documents(uid).update({ documentId, locale: expectedLocale, data: data as any });
      (existing ? updated : created).push({ uid, documentId });
    }
  }));
  return { locale: expectedLocale, created, updated, units: plan.reduce((sum, entry) => sum + entry.targets.size, 0) };
};

/**
 * The XLIFF text of a request: a text or XML body (text/plain, text/xml, application/xliff+xml…), JSON { xliff }, or an uploaded file
 * (whose size the route's multipart parser holds to the same limit as a text body).
 */
export const xliffFromRequest = async (ctx: any): Promise<string | undefined> => {
  const body = ctx.request.body;
  if (typeof body === 'string' && body.trim() !== '') return body;
  if (body && typeof body.xliff === 'string') return body.xliff;
  const file = ctx.request.files?.file;
  const upload = Array.isArray(file) ? file[0] : file;
  return upload?.filepath ? fs.promises.readFile(upload.filepath, 'utf8') : undefined;
};

