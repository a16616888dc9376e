/**
 * The life of a datastore version, shared by the loader and the API's writes: a `datastore_loads` row
 * numbers the version (max + 1) and records its progress; the new Parquet files go under new blob keys;
 * one transaction swaps the resource's `datastore_tables` rows and marks the load done; the previous
 * version's files are removed afterwards. A failure at any step leaves the previous version serving.
 */

import { createReadStream } from 'node:fs';
import { sql } from 'kysely';
import type { BlobStore } from '../platform/blobs.ts';
import type { Db, Queryable } from '../platform/db/database.ts';
import { conflict, type OdpError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { LoadFinding } from './load-errors.ts';
import type { TableSchema } from './table-schema.ts';
import type { DatastoreLoadsTable } from './tables.ts';
import './tables.ts';

/** A table the datastore serves for a resource. */
export interface ServingTable {
  tableName: string;
  version: number;
  parquetKey: string;
  rowCount: number;
  schema: TableSchema;
}

/** A version being written: its load row and the blob prefix of its files. */
export interface PendingVersion {
  resourceId: string;
  loadId: string;
  version: number;
  prefix: string;
}

export const now = (): string => new Date().toISOString();
export const versionPrefix = (resourceId: string, version: number): string =>
  `datastore/${resourceId}/${version}`;

/** Loads (or the latest load) of a resource, newest first. */
export async function resourceLoads(db: Db, resourceId: string): Promise<DatastoreLoadsTable[]> {
  return db.kysely
    .selectFrom('datastore_loads')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('version', 'desc')
    .execute();
}

/** The tables currently serving for a resource (the last successfully loaded version), in file order. */
export async function currentTables(db: Db, resourceId: string): Promise<ServingTable[]> {
  const rows = await db.kysely
    .selectFrom('datastore_tables')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    tableName: r.table_name,
    version: r.version,
    parquetKey: r.parquet_key,
    rowCount: Number(r.row_count),
    schema: JSON.parse(r.schema) as TableSchema,
  }));
}

/** SQLite's "database is locked" (5) and its snapshot variant (517): another process wrote first. */
const lockedByOtherWriter = (err: unknown): boolean =>
  err instanceof Error && 'errcode' in err && (err.errcode === 5 || err.errcode === 517);

/** PostgreSQL: writers of one resource's versions queue here until their transaction ends. */
async function lockResource(trx: Queryable, db: Db, resourceId: string): Promise<void> {
  if (db.dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtext(${`datastore:${resourceId}`}))`.execute(trx);
}

/**
 * Records a running load of the resource's next version. `attempts` counts tries since the last success.
 * The number is taken and recorded in one statement (and, on PostgreSQL, under the resource's lock), so
 * two processes never get the same version, nor write their files under the same prefix.
 */
export async function startVersion(db: Db, resourceId: string, attempts?: number): Promise<PendingVersion> {
  const previous = await resourceLoads(db, resourceId);
  const lastDone = previous.findIndex((l) => l.status === 'done');
  const tries = attempts ?? (lastDone < 0 ? previous.length : lastDone) + 1;
  const loadId = newId();
  const started = now();
  for (let retry = 0; ; retry++) {
    try {
      const version = await db.kysely.transaction().execute(async (trx) => {
        await lockResource(trx, db, resourceId);
        await sql`insert into datastore_loads
            (id, resource_id, version, status, progress, error, findings, attempts, created, started, finished)
          select ${loadId}, ${resourceId}, coalesce(max(version), 0) + 1, 'running', 0, null, '[]', cast(${tries} as integer),
            ${started}, ${started}, null
          from datastore_loads where resource_id = ${resourceId}`.execute(trx);
        const row = await trx
          .selectFrom('datastore_loads')
          .select('version')
          .where('id', '=', loadId)
          .executeTakeFirstOrThrow();
        return row.version;
      });
      return { resourceId, loadId, version, prefix: versionPrefix(resourceId, version) };
    } catch (err) {
      if (retry >= 5 || !lockedByOtherWriter(err)) throw err;
    }
  }
}

/** Code of the error publishVersion throws when the serving version is not the one a write was based on. */
export const VERSION_MOVED = 'ODP_DATASTORE_VERSION_MOVED';

/** The conflict of a write overtaken by another process's write to the same table (409, retried). */
export const versionMoved = (): OdpError =>
  conflict('The table was changed by another write while this one was prepared', VERSION_MOVED);

/**
 * Stores the version's tables (local Parquet files with their schemas) under its blob prefix, swaps them
 * in as the resource's serving tables with the load marked done, then removes older versions' files.
 * `basedOn` (the version a write read, null for none) makes the swap conditional: when another process
 * published in between, nothing is swapped and a conflict (VERSION_MOVED) is thrown, so no write is lost.
 */
export async function publishVersion(
  db: Db,
  blobs: BlobStore,
  pending: PendingVersion,
  tables: readonly { parquetPath: string; schema: TableSchema }[],
  findings: readonly LoadFinding[],
  basedOn?: number | null,
): Promise<ServingTable[]> {
  const { resourceId, version, prefix } = pending;
  const serving: ServingTable[] = [];
  for (const [i, t] of tables.entries()) {
    const parquetKey = `${prefix}/${i + 1}.parquet`;
    await blobs.put(parquetKey, createReadStream(t.parquetPath));
    await blobs.put(`${prefix}/${i + 1}.schema.json`, Buffer.from(JSON.stringify(t.schema)));
    serving.push({
      tableName: t.schema.name,
      version,
      parquetKey,
      rowCount: t.schema.rowCount,
      schema: t.schema,
    });
  }
  const old = await currentTables(db, resourceId);
  await db.kysely
    .transaction()
    .execute(async (trx) => {
      if (basedOn !== undefined) {
        await lockResource(trx, db, resourceId);
        const current = await trx
          .selectFrom('datastore_tables')
          .select('version')
          .where('resource_id', '=', resourceId)
          .executeTakeFirst();
        if ((current?.version ?? null) !== basedOn) throw versionMoved();
      }
      await trx.deleteFrom('datastore_tables').where('resource_id', '=', resourceId).execute();
      const created = now();
      for (const [i, t] of serving.entries()) {
        await trx
          .insertInto('datastore_tables')
          .values({
            resource_id: resourceId,
            table_name: t.tableName,
            position: i,
            version,
            parquet_key: t.parquetKey,
            schema: JSON.stringify(t.schema),
            row_count: t.rowCount,
            created,
          })
          .execute();
      }
      await trx
        .updateTable('datastore_loads')
        .set({ status: 'done', progress: 1, findings: JSON.stringify(findings), finished: created })
        .where('id', '=', pending.loadId)
        .execute();
    })
    .catch((err: unknown) => {
      throw basedOn !== undefined && lockedByOtherWriter(err) ? versionMoved() : err;
    });
  for (const v of new Set(old.map((t) => t.version)))
    if (v !== version) await blobs.delete(versionPrefix(resourceId, v));
  return serving;
}

/** Marks the load failed with the error's message and removes whatever files of the version were written. */
export async function failVersion(
  db: Db,
  blobs: BlobStore,
  pending: PendingVersion,
  err: unknown,
): Promise<void> {
  await blobs.delete(pending.prefix).catch(() => undefined);
  await db.kysely
    .updateTable('datastore_loads')
    .set({ status: 'failed', error: err instanceof Error ? err.message : String(err), finished: now() })
    .where('id', '=', pending.loadId)
    .execute();
}
