import fs from 'fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { XMLValidator } from 'fast-xml-parser';
import { xliff12ToJs } from 'xliff';
import { isCouncilContentType, translatedAttributes, type ContentTypeUid } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import { applyTargets, buildXliff, entryTexts, type TranslationUnit } from './xliff-format';
import { withAuditAction } from '../audit/scope';
import { textPopulate } from './fingerprints';
import { type TranslationState, translationStatus } from './status';
import { attributesOf, contentTypeOf, modelOf, queryOf } from '../database/models';

const getModel = (strapi: Core.Strapi) => (uid: string) => modelOf(strapi, uid) as { attributes: Record<string, any> };
const translatedAttributesOf = (strapi: Core.Strapi, uid: string) => translatedAttributes(uid, attributesOf(strapi, uid));

/** Published English rows, the source of every unit, by documentId. */
const englishPublished = async (strapi: Core.Strapi, uid: string) => {
  const rows: Array<Record<string, any>> = await queryOf(strapi, uid)
    .findMany({ where: { locale: DEFAULT_LOCALE, publishedAt: { $notNull: true } }, populate: textPopulate(strapi, uid), orderBy: { id: 'asc' } });
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

/** XLIFF 1.2 of the published English text, with the locale's current draft as targets. */
export const exportXliff = async (strapi: Core.Strapi, { locale, uids, statuses }: { locale: string; uids: readonly ContentTypeUid[]; statuses?: TranslationState[] }) => {
  const files = [];
  for (const uid of uids) {
    const wanted = statuses
      ? new Set((await translationStatus(strapi, locale, [uid])).documents.filter((entry) => statuses.includes(entry.status)).map((entry) => entry.documentId))
      : undefined;
    const sources = await englishPublished(strapi, uid);
    const targets = await localeDrafts(strapi, uid, locale);
    const model = strapi.getModel(uid);
    const units: TranslationUnit[] = [];
    for (const [documentId, source] of sources) {
      if (wanted && !wanted.has(documentId)) continue;
      const translated = new Map(entryTexts(translatedAttributesOf(strapi, uid), targets.get(documentId), getModel(strapi)).map(([path, text]) => [path, text]));
      for (const [path, text, field] of entryTexts(translatedAttributesOf(strapi, uid), source, getModel(strapi))) {
        units.push({
          id: `${documentId}/${path}`,
          source: text,
          ...(translated.has(path) ? { target: translated.get(path) } : {}),
          note: `${model.info.displayName} "${source.name ?? source.title ?? documentId}", field ${field}: ${editLink(strapi, uid, documentId, locale)}`,
        });
      }
    }
    files.push({ original: uid, units });
  }
  // Types with nothing to translate are left out (CAT tools dislike empty files), but XLIFF needs one <file>.
  const withUnits = files.filter((file) => file.units.length > 0);
  return buildXliff({ sourceLanguage: DEFAULT_LOCALE, targetLanguage: locale, files: withUnits.length > 0 ? withUnits : files.slice(0, 1) });
};

type ParsedXliff = { sourceLanguage?: string; targetLanguage?: string; resources: Record<string, Record<string, { source?: string; target?: string }>> };

const parse = async (xml: string): Promise<ParsedXliff> => {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    throw new errors.ValidationError(`Malformed XLIFF: ${wellFormed.err.msg} (line ${wellFormed.err.line}, column ${wellFormed.err.col})`);
  }
  try {
    const parsed = (await xliff12ToJs(xml)) as ParsedXliff;
    if (!parsed?.resources || Object.keys(parsed.resources).length === 0) throw new Error('no <file> element with trans-units');
    return parsed;
  } catch (error) {
    throw new errors.ValidationError(`Malformed XLIFF: ${(error as Error).message.split('\n')[0]}`);
  }
};

const same = (a: string | undefined, b: string) => (a ?? '').replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/**
 * Writes the targets of an XLIFF file into its target locale as drafts, all or nothing: a
 * malformed file, another target language, an unknown unit or a unit whose English source has
 * changed since the export (stale) is refused with 400 and nothing is written.
 */
export const importXliff = async (strapi: Core.Strapi, xml: string, expectedLocale: string) => {
  const parsed = await parse(xml);
  if (parsed.targetLanguage !== expectedLocale) {
    throw new errors.ValidationError(`target-language is ${JSON.stringify(parsed.targetLanguage ?? null)}, this import is for ${expectedLocale}`);
  }
  if (parsed.sourceLanguage && parsed.sourceLanguage !== DEFAULT_LOCALE) {
    throw new errors.ValidationError(`source-language is ${JSON.stringify(parsed.sourceLanguage)}, translations are made from ${DEFAULT_LOCALE}`);
  }

  const unknown: string[] = [];
  const stale: string[] = [];
  const plan: Array<{ uid: ContentTypeUid; documentId: string; source: Record<string, any>; targets: Map<string, string> }> = [];
  for (const [uid, units] of Object.entries(parsed.resources)) {
    if (!isCouncilContentType(uid)) {
      unknown.push(...Object.keys(units));
      continue;
    }
    const sources = await englishPublished(strapi, uid);
    const byDocument = new Map<string, Map<string, string>>();
    for (const [id, unit] of Object.entries(units)) {
      const [documentId, ...rest] = id.split('/');
      const path = rest.join('/');
      const source = sources.get(documentId);
      const current = source ? entryTexts(translatedAttributesOf(strapi, uid), source, getModel(strapi)).find(([candidate]) => candidate === path) : undefined;
      if (!current) {
        unknown.push(id);
        continue;
      }
      if (!same(unit.source, current[1])) {
        stale.push(id);
        continue;
      }
      if (typeof unit.target === 'string' && unit.target.trim() !== '') {
        if (!byDocument.has(documentId)) byDocument.set(documentId, new Map());
        byDocument.get(documentId)!.set(path, unit.target);
      }
    }
    for (const [documentId, targets] of byDocument) plan.push({ uid, documentId, source: sources.get(documentId)!, targets });
  }
  if (unknown.length > 0 || stale.length > 0) {
    const parts = [
      ...(unknown.length ? [`${unknown.length} unknown unit(s): ${unknown.slice(0, 10).join(', ')}`] : []),
      ...(stale.length ? [`${stale.length} stale unit(s), whose English source changed since the export (export again): ${stale.slice(0, 10).join(', ')}`] : []),
    ];
    throw new errors.ValidationError(`Nothing imported. ${parts.join('; ')}`, { unknown, stale });
  }

  const created: Array<{ uid: string; documentId: string }> = [];
  const updated: Array<{ uid: string; documentId: string }> = [];
  await withAuditAction('xliff-import', () => strapi.db.transaction(async () => {
    for (const { uid, documentId, source, targets } of plan) {
      const existing = (await localeDrafts(strapi, uid, expectedLocale, [documentId])).get(documentId) ?? null;
      const data = applyTargets(translatedAttributesOf(strapi, uid), source, existing, targets, getModel(strapi));
      await strapi.documents(uid).update({ documentId, locale: expectedLocale, data: data as any });
      (existing ? updated : created).push({ uid, documentId });
    }
  }));
  return { locale: expectedLocale, created, updated, units: plan.reduce((sum, entry) => sum + entry.targets.size, 0) };
};

/**
 * The XLIFF text of a request: text/plain or text/xml body, JSON { xliff }, or an uploaded file
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

