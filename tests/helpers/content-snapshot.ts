import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { Client } from 'pg';
import type { Core } from '@strapi/strapi';
import { databaseUrl } from '../setup/database';

/**
 * Everything a database holds for the given types, read with plain SQL so that any database with
 * the app's schema can be read while only one app runs: per type, per (documentId, locale,
 * draft/published), every column but the numeric id, components inline (recursively), relations as
 * the documentId/locale/status of their targets in order, and media as their file rows.
 *
 * Only the running app's metadata is used, so the snapshot follows every type the app has.
 * Left out, with the reason: `id` columns (a restore renumbers rows), `localizations` (derived from
 * documentId) and the files' own `related` (read from the content side). Links to admin users
 * (createdBy, updatedBy, a token's owner) are compared like any relation: the users are in a backup.
 */
type Metadata = Core.Strapi['db']['metadata'];
type Attribute = Record<string, any>;
type Row = Record<string, any>;
export type Snapshot = Record<string, Record<string, Row>>;

const versionKey = (row: Row) => `${row.document_id} ${row.locale ?? '-'} ${row.published_at ? 'published' : 'draft'}`;

const groupBy = (rows: Row[], key: string) => {
  const groups = new Map<number, Row[]>();
  for (const row of rows) groups.set(row[key], [...(groups.get(row[key]) ?? []), row]);
  return groups;
};

const isSkipped = (attribute: Attribute) => attribute.unstable_virtual || attribute.joinTable?.morphColumn;

const describeRows = async (client: Client, metadata: Metadata, uid: string, rows: Row[]): Promise<Map<number, Row>> => {
  const { attributes } = metadata.get(uid);
  const described = new Map<number, Row>(rows.map((row) => [row.id, {}]));
  for (const [name, attribute] of Object.entries(attributes as Record<string, Attribute>)) {
    if (attribute.type !== 'relation') {
      if (attribute.columnName && name !== 'id') for (const row of rows) described.get(row.id)![name] = row[attribute.columnName];
      continue;
    }
    if (isSkipped(attribute)) continue;
    const targetTable = () => metadata.get(attribute.target).tableName;
    let linked: Map<number, Row[]>;
    let describe: (targets: Row[]) => Promise<unknown[]>;

    if (attribute.morphBy) {
      // Media: the file's morph join table says which (type, id, field) it is attached to.
      const morph = metadata.get(attribute.target).attributes[attribute.morphBy] as Attribute;
      const join = morph.joinTable;
      const result = await client.query(
        `select m.${join.morphColumn.idColumn.name} as owner_id, t.* from ${join.name} m join ${targetTable()} t on t.id = m.${join.joinColumn.name}
         where m.${join.morphColumn.typeColumn.name} = $1 and m.field = $2 order by owner_id, m."order", t.id`,
        [uid, name],
      );
      linked = groupBy(result.rows, 'owner_id');
      describe = async (targets) => {
        const files = await describeRows(client, metadata, attribute.target, targets);
        return targets.map((target) => ({ documentId: target.document_id, ...files.get(target.id) }));
      };
    } else if (attribute.joinTable?.on?.field) {
      // Components: their own rows, described like any other row.
      const join = attribute.joinTable;
      const result = await client.query(
        `select j.${join.joinColumn.name} as owner_id, t.* from ${join.name} j join ${targetTable()} t on t.id = j.${join.inverseJoinColumn.name}
         where j.field = $1 order by owner_id, j."${join.orderColumnName}", t.id`,
        [join.on.field],
      );
      linked = groupBy(result.rows, 'owner_id');
      describe = async (targets) => {
        const components = await describeRows(client, metadata, attribute.target, targets);
        return targets.map((target) => components.get(target.id));
      };
    } else if (attribute.joinTable) {
      const join = attribute.joinTable;
      const order = [join.orderColumnName ? `j.${join.orderColumnName}` : null, 't.document_id', 't.locale', 't.published_at'].filter(Boolean).join(', ');
      const result = await client.query(
        `select j.${join.joinColumn.name} as owner_id, t.document_id, t.locale, t.published_at from ${join.name} j
         join ${targetTable()} t on t.id = j.${join.inverseJoinColumn.name} order by owner_id, ${order}`,
      );
      linked = groupBy(result.rows, 'owner_id');
      describe = async (targets) => targets.map(versionKey);
    } else if (attribute.joinColumn) {
      // The target's id in a column of this table (createdBy, updatedBy on most types).
      const column = attribute.joinColumn.name;
      const ids = rows.map((row) => row[column]).filter((id) => id !== null && id !== undefined);
      const result = ids.length > 0 ? await client.query(`select id, document_id, locale, published_at from ${targetTable()} where id = any($1)`, [ids]) : { rows: [] };
      const targetsById = new Map<number, Row>(result.rows.map((target: Row) => [target.id, target]));
      linked = new Map(rows.map((row) => [row.id, targetsById.has(row[column]) ? [targetsById.get(row[column])!] : []]));
      describe = async (targets) => targets.map(versionKey);
    } else {
      throw new Error(`${uid}.${name}: a relation the snapshot does not know how to read`);
    }
    for (const row of rows) described.get(row.id)![name] = await describe(linked.get(row.id) ?? []);
  }
  return described;
};

export const snapshotContent = async (strapi: Core.Strapi, database: string, uids: string[]): Promise<Snapshot> => {
  const client = new Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    const snapshot: Snapshot = {};
    for (const uid of uids) {
      const { rows } = await client.query(`select * from ${strapi.db.metadata.get(uid).tableName} order by id`);
      const described = await describeRows(client, strapi.db.metadata, uid, rows);
      snapshot[uid] = Object.fromEntries(rows.map((row) => [versionKey(row), described.get(row.id)!]));
    }
    return snapshot;
  } finally {
    await client.end();
  }
};

/**
 * Tables that belong to no content type (the settings store, webhooks), every column but `id`,
 * as sorted JSON lines: a restore replaces them too.
 */
export const snapshotTables = async (database: string, tables: string[]): Promise<Record<string, string[]>> => {
  const client = new Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    const snapshot: Record<string, string[]> = {};
    for (const table of tables) {
      const { rows } = await client.query(`select * from ${table}`);
      snapshot[table] = rows
        // The upload plugin writes a new weekly metrics schedule, from the clock, each time Strapi
        // starts (it never stores the lastWeeklyUpdate that would keep it): not content, and a
        // backup or restore boots Strapi a few seconds after the app under test did.
        .filter((row) => !(table === 'strapi_core_store_settings' && row.key === 'plugin_upload_metrics'))
        .map(({ id: _id, ...row }) => JSON.stringify(row))
        .sort();
    }
    return snapshot;
  } finally {
    await client.end();
  }
};

/** Rows in every table of the database's schema. */
export const tableRowCounts = async (database: string): Promise<Record<string, number>> => {
  const client = new Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    const { rows: tables } = await client.query(`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`);
    const counts: Record<string, number> = {};
    for (const { table_name: table } of tables) counts[table] = Number((await client.query(`select count(*) as n from "${table}"`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
};

/** sha256 of every media file and format on disk, by URL, as a local-disk media store serves them. */
export const mediaFileHashes = async (database: string, publicDir: string): Promise<Record<string, string>> => {
  const client = new Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    const { rows } = await client.query('select url, formats from files');
    const formats = (value: unknown): { url: string }[] => Object.values((typeof value === 'string' ? JSON.parse(value) : value) ?? {});
    const urls = rows.flatMap((row) => [row.url, ...formats(row.formats).map((format) => format.url)]);
    const hash = (url: string) => crypto.createHash('sha256').update(fs.readFileSync(path.join(publicDir, url))).digest('hex');
    return Object.fromEntries(urls.sort().map((url) => [url, hash(url)]));
  } finally {
    await client.end();
  }
};
