import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlobStore } from '../platform/blobs.ts';
import type { Db } from '../platform/db/database.ts';
import type { LoadFinding } from './load-errors.ts';
import { loadFile } from './load-file.ts';
import type { TableSchema } from './table-schema.ts';
import type { DatastoreLoadsTable } from './tables.ts';
import './tables.ts';

export interface LoadResourceInput {
  resourceId: string;
  /** Local path of the uploaded/fetched file. */
  sourcePath: string;
  fileName: string;
  declaredFormat?: string;
  declaredEncoding?: string;
}

export interface LoadResourceResult {
  loadId: string;
  version: number;
  tables: ServingTable[];
  findings: LoadFinding[];
}

/** A table the datastore serves for a resource. */
export interface ServingTable {
  tableName: string;
  version: number;
  parquetKey: string;
  rowCount: number;
  schema: TableSchema;
}

/** Message stored on a load that was running when its process died. */
export const INTERRUPTED = 'interrupted: the loading process ended before the load finished; retry the load';

const now = (): string => new Date().toISOString();
const versionPrefix = (resourceId: string, version: number): string => `datastore/${resourceId}/${version}`;

/**
 * Marks loads left 'running' or 'queued' by a process that died as failed (retryable). Call at startup,
 * and loadResource calls it for its resource (one loader per resource at a time: the job queue's unique key).
 */
export async function recoverInterruptedLoads(db: Db, resourceId?: string): Promise<number> {
  let q = db.kysely
    .updateTable('datastore_loads')
    .set({ status: 'failed', error: INTERRUPTED, finished: now() })
    .where('status', 'in', ['running', 'queued']);
  if (resourceId !== undefined) q = q.where('resource_id', '=', resourceId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
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

/** Loads (or the latest load) of a resource, newest first. */
export async function resourceLoads(db: Db, resourceId: string): Promise<DatastoreLoadsTable[]> {
  return db.kysely
    .selectFrom('datastore_loads')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('version', 'desc')
    .execute();
}

/**
 * Loads a resource's file as a new datastore version: records the load, writes the new Parquet files
 * under new blob keys, swaps the resource's `datastore_tables` rows in one transaction, then removes
 * the previous version's files. A failed or killed load leaves the previous version serving.
 */
export async function loadResource(
  db: Db,
  blobs: BlobStore,
  input: LoadResourceInput,
  onProgress?: (fraction: number) => void,
): Promise<LoadResourceResult> {
  const { resourceId } = input;
  await recoverInterruptedLoads(db, resourceId);
  const previous = await resourceLoads(db, resourceId);
  const version = (previous[0]?.version ?? 0) + 1;
  const lastDone = previous.findIndex((l) => l.status === 'done');
  const attempts = (lastDone < 0 ? previous.length : lastDone) + 1;
  const loadId = randomUUID();
  const started = now();
  await db.kysely
    .insertInto('datastore_loads')
    .values({
      id: loadId,
      resource_id: resourceId,
      version,
      status: 'running',
      progress: 0,
      error: null,
      findings: '[]',
      attempts,
      created: started,
      started,
      finished: null,
    })
    .execute();
  const workDir = await mkdtemp(join(tmpdir(), 'odp-load-'));
  const prefix = versionPrefix(resourceId, version);
  let reported = 0;
  let progressWrite: Promise<unknown> = Promise.resolve();
  const progress = (f: number): void => {
    onProgress?.(f);
    if (f - reported < 0.05 && f < 1) return;
    reported = f;
    progressWrite = progressWrite.then(() =>
      db.kysely
        .updateTable('datastore_loads')
        .set({ progress: Math.min(f, 0.99) })
        .where('id', '=', loadId)
        .execute(),
    );
  };
  try {
    const loaded = await loadFile({
      path: input.sourcePath,
      fileName: input.fileName,
      workDir,
      ...(input.declaredFormat ? { declaredFormat: input.declaredFormat } : {}),
      ...(input.declaredEncoding ? { declaredEncoding: input.declaredEncoding } : {}),
      onProgress: progress,
    });
    const tables: ServingTable[] = [];
    for (const [i, t] of loaded.tables.entries()) {
      const parquetKey = `${prefix}/${i + 1}.parquet`;
      await blobs.put(parquetKey, createReadStream(t.parquetPath));
      await blobs.put(`${prefix}/${i + 1}.schema.json`, Buffer.from(JSON.stringify(t.schema)));
      tables.push({
        tableName: t.schema.name,
        version,
        parquetKey,
        rowCount: t.schema.rowCount,
        schema: t.schema,
      });
    }
    await progressWrite;
    const old = await currentTables(db, resourceId);
    await db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('datastore_tables').where('resource_id', '=', resourceId).execute();
      const created = now();
      for (const [i, t] of tables.entries()) {
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
        .set({ status: 'done', progress: 1, findings: JSON.stringify(loaded.findings), finished: created })
        .where('id', '=', loadId)
        .execute();
    });
    for (const v of new Set(old.map((t) => t.version)))
      if (v !== version) await blobs.delete(versionPrefix(resourceId, v));
    return { loadId, version, tables, findings: loaded.findings };
  } catch (err) {
    await progressWrite.catch(() => undefined);
    await blobs.delete(prefix).catch(() => undefined);
    await db.kysely
      .updateTable('datastore_loads')
      .set({ status: 'failed', error: (err as Error).message, finished: now() })
      .where('id', '=', loadId)
      .execute();
    throw err;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
