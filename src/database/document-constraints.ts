import type { Core } from '@strapi/strapi';
import createError from 'http-errors';
import { CONTENT_TYPE_UIDS } from '../domain/content-types';

type Knex = Core.Strapi['db']['connection'];

/**
 * What must be unique, enforced by PostgreSQL itself (a query before an insert cannot be: two
 * saves race past it). In every council content table:
 * - one draft row and at most one published row per (document, locale);
 * - a slug unique per (locale, draft or published): a document's draft and published rows share it.
 */
export type DocumentConstraint = { name: string; table: string; columns: string[]; published: boolean; what: string };

const PARTIAL = { draft: 'published_at IS NULL', published: 'published_at IS NOT NULL' };

export const documentConstraints = (strapi: Core.Strapi): DocumentConstraint[] =>
  CONTENT_TYPE_UIDS.flatMap((uid) => {
    const meta = strapi.db.metadata.get(uid);
    const table = meta.tableName;
    const hasSlug = meta.attributes.slug !== undefined;
    return [false, true].flatMap((published) => {
      const state = published ? 'published' : 'draft';
      const rows: DocumentConstraint[] = [{ name: `${table}_one_${state}_uq`, table, columns: ['document_id', 'locale'], published, what: `a ${state} version in this locale` }];
      if (hasSlug) rows.push({ name: `${table}_slug_${state}_uq`, table, columns: ['locale', 'slug'], published, what: `this slug in this locale (${state})` });
      return rows;
    });
  });

/** The indexes that exist already, of those named: one query however many there are. */
const existingIndexes = async (knex: Knex, names: string[]): Promise<Set<string>> =>
  new Set((await knex('pg_indexes').select('indexname').whereIn('indexname', names)).map((row: { indexname: string }) => row.indexname));

/**
 * Rows an earlier race left behind, removed so the constraint can be created: of two rows of one
 * document, locale and state the first saved is kept; of two documents with one slug in a locale
 * the later document gets its id appended to the slug, in all its rows of that locale.
 */
const repairDuplicates = async (knex: Knex, constraint: DocumentConstraint) => {
  const state = constraint.published ? PARTIAL.published : PARTIAL.draft;
  if (constraint.columns.includes('document_id')) {
    const removed = await knex.raw(
      `delete from ?? a using ?? b where a.document_id = b.document_id and a.locale = b.locale and (a.published_at is null) = (b.published_at is null) and a.id > b.id and a.${state}`,
      [constraint.table, constraint.table],
    );
    return removed.rowCount ?? 0;
  }
  const clashes: Array<{ document_id: string; locale: string }> = (
    await knex.raw(
      `select distinct a.document_id, a.locale from ?? a join ?? b on a.locale = b.locale and a.slug = b.slug and a.document_id <> b.document_id and (a.published_at is null) = (b.published_at is null)
       where a.${state} and (select min(id) from ?? c where c.document_id = a.document_id) > (select min(id) from ?? d where d.document_id = b.document_id)`,
      [constraint.table, constraint.table, constraint.table, constraint.table],
    )
  ).rows;
  for (const clash of clashes) {
    await knex.raw(`update ?? set slug = slug || '-' || (select min(id) from ?? where document_id = ?) where document_id = ? and locale = ?`, [constraint.table, constraint.table, clash.document_id, clash.document_id, clash.locale]);
  }
  return clashes.length;
};

/**
 * Creates the constraints that are missing, after Strapi has synchronised its schema (on an empty
 * database the tables exist only then, so a migration, which runs before, could not add them).
 * Idempotent and cheap once they exist; run under the start-up lock, so instances never race here.
 */
export const ensureDocumentConstraints = async (strapi: Core.Strapi) => {
  if (strapi.db.dialect.client !== 'postgres') return;
  const knex = strapi.db.connection;
  const constraints = documentConstraints(strapi);
  const existing = await existingIndexes(knex, constraints.map((constraint) => constraint.name));
  for (const constraint of constraints) {
    if (existing.has(constraint.name)) continue;
    const repaired = await repairDuplicates(knex, constraint);
    if (repaired > 0) strapi.log.warn(`${constraint.table}: ${repaired} duplicate rows repaired before adding ${constraint.name}`);
    const state = constraint.published ? PARTIAL.published : PARTIAL.draft;
    await knex.raw(`create unique index if not exists ?? on ?? (${constraint.columns.map(() => '??').join(', ')}) where ${state}`, [constraint.name, constraint.table, ...constraint.columns]);
  }
};

const CONSTRAINT_NAME = /_(one|slug)_(draft|published)_uq$/;

/** PostgreSQL's "deadlock detected" and "could not serialize access": the write can be repeated as it was. */
export const isRetryableConflict = (error: unknown) => ['40P01', '40001'].includes((error as { code?: string })?.code ?? '');

/**
 * A unique violation of one of these constraints as a 409 that says what clashed, and a deadlock
 * or serialization failure that could not be retried (inside another transaction) as a 409 asking
 * to save again; anything else as it was.
 */
export const conflictOf = (strapi: Core.Strapi, error: unknown) => {
  if (isRetryableConflict(error)) {
    return createError(409, 'Another change to this document was saved at the same moment; nothing of yours was saved: save again', { details: { code: 'write-conflict' } });
  }
  const pg = error as { code?: string; constraint?: string; detail?: string };
  if (pg?.code !== '23505' || !pg.constraint || !CONSTRAINT_NAME.test(pg.constraint)) return undefined;
  const constraint = documentConstraints(strapi).find((candidate) => candidate.name === pg.constraint);
  if (!constraint) return undefined;
  const values = /\)=\((.*)\) already exists/.exec(pg.detail ?? '')?.[1];
  const message = constraint.columns.includes('slug')
    ? `Another document already has ${values ? `the slug in ${values.replace(/^([^,]+), /, '$1: ')}` : 'this slug'}; choose another slug (or name) and save again`
    : `This document already has ${constraint.what}${values ? ` (${values})` : ''}: another save created it at the same moment; reload and save again`;
  return createError(409, message, { details: { code: constraint.columns.includes('slug') ? 'slug-taken' : 'version-exists', constraint: constraint.name } });
};
