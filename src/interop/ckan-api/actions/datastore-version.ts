/**
 * Publishing a datastore table written by the API (datastore_create/upsert/delete) as a new version, with
 * the loader's swap semantics: new blob keys, one transaction swapping `datastore_tables`, a
 * `datastore_loads` row keeping version numbers unique, the previous version's files removed afterwards.
 * A failure leaves the previous version serving.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { AppContext } from '../../../app-context.ts';
import { setDatastoreActive } from '../../../catalog/resource-service.ts';
import { currentTables, resourceLoads, type TableSchema } from '../../../datastore/index.ts';
import { conflict } from '../../../platform/errors.ts';

/** A table schema as the write actions keep it: the loader's schema plus CKAN's primary key (column ids). */
export interface WritableSchema extends TableSchema {
  primaryKey?: string[];
}

const now = (): string => new Date().toISOString();
const prefixOf = (resourceId: string, version: number): string => `datastore/${resourceId}/${version}`;

/** Writes of one resource run one after another in this process (versions are numbered max + 1). */
const queues = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier write of the same resource has finished. */
export async function serialized<T>(resourceId: string, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(resourceId) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(fn);
  queues.set(resourceId, run);
  try {
    return await run;
  } finally {
    if (queues.get(resourceId) === run) queues.delete(resourceId);
  }
}

/** Refuses a write while the loader is working on the resource (its swap would drop the write). */
export async function assertNoLoadRunning(ctx: AppContext, resourceId: string): Promise<void> {
  const [latest] = await resourceLoads(ctx.db, resourceId);
  if (latest && (latest.status === 'running' || latest.status === 'queued')) {
    throw conflict(
      'A datastore load of this resource is running; try again when it has finished',
      'ODP_DATASTORE_BUSY',
    );
  }
}

/**
 * Publishes `parquetPath` (a local file) with `schema` as the resource's only table in a new version.
 * `summary` is recorded as the load's finding so the history says which action wrote it.
 */
export async function publishVersion(
  ctx: AppContext,
  resourceId: string,
  schema: WritableSchema,
  parquetPath: string,
  summary: { code: string; message: string },
): Promise<number> {
  const db = ctx.db.kysely;
  const previous = await resourceLoads(ctx.db, resourceId);
  const version = (previous[0]?.version ?? 0) + 1;
  const loadId = randomUUID();
  const started = now();
  await db
    .insertInto('datastore_loads')
    .values({
      id: loadId,
      resource_id: resourceId,
      version,
      status: 'running',
      progress: 0,
      error: null,
      findings: '[]',
      attempts: 1,
      created: started,
      started,
      finished: null,
    })
    .execute();
  const prefix = prefixOf(resourceId, version);
  const parquetKey = `${prefix}/1.parquet`;
  try {
    await ctx.blobs.put(parquetKey, createReadStream(parquetPath));
    await ctx.blobs.put(`${prefix}/1.schema.json`, Buffer.from(JSON.stringify(schema)));
    const old = await currentTables(ctx.db, resourceId);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('datastore_tables').where('resource_id', '=', resourceId).execute();
      const finished = now();
      await trx
        .insertInto('datastore_tables')
        .values({
          resource_id: resourceId,
          table_name: schema.name,
          position: 0,
          version,
          parquet_key: parquetKey,
          schema: JSON.stringify(schema),
          row_count: schema.rowCount,
          created: finished,
        })
        .execute();
      await trx
        .updateTable('datastore_loads')
        .set({ status: 'done', progress: 1, findings: JSON.stringify([summary]), finished })
        .where('id', '=', loadId)
        .execute();
    });
    await setDatastoreActive(ctx.catalog, resourceId, true);
    for (const v of new Set(old.map((t) => t.version)))
      if (v !== version) await ctx.blobs.delete(prefixOf(resourceId, v));
    return version;
  } catch (err) {
    await ctx.blobs.delete(prefix).catch(() => undefined);
    await db
      .updateTable('datastore_loads')
      .set({ status: 'failed', error: (err as Error).message, finished: now() })
      .where('id', '=', loadId)
      .execute();
    throw err;
  }
}

/** Removes the resource's datastore tables and their files; the resource is no longer datastore_active. */
export async function dropTables(ctx: AppContext, resourceId: string): Promise<void> {
  const old = await currentTables(ctx.db, resourceId);
  await ctx.db.kysely.deleteFrom('datastore_tables').where('resource_id', '=', resourceId).execute();
  await setDatastoreActive(ctx.catalog, resourceId, false);
  for (const v of new Set(old.map((t) => t.version))) await ctx.blobs.delete(prefixOf(resourceId, v));
}
