/**
 * Publishing a datastore table written by the API (datastore_create/upsert/delete) as a new version, with
 * the loader's swap semantics: new blob keys, one transaction swapping `datastore_tables`, a
 * `datastore_loads` row keeping version numbers unique, the previous version's files removed afterwards.
 * A failure leaves the previous version serving.
 */
import type { AppContext } from '../../../app-context.ts';
import { setDatastoreActive } from '../../../catalog/resource-service.ts';
import {
  currentTables,
  failVersion,
  publishVersion,
  resourceLoads,
  startVersion,
  type TableSchema,
  VERSION_MOVED,
  versionPrefix,
} from '../../../datastore/index.ts';
import { conflict, OdpError } from '../../../platform/errors.ts';

/** A table schema as the write actions keep it: the loader's schema plus CKAN's primary key (column ids). */
export interface WritableSchema extends TableSchema {
  primaryKey?: string[];
}

/** Writes of one resource run one after another in this process, each on the table the one before wrote. */
const queues = new Map<string, Promise<unknown>>();
/** Tries of a write that another process's write to the same table keeps overtaking. */
const MAX_TRIES = 3;

/**
 * Runs `fn` after every earlier write of the same resource in this process has finished. A write that
 * another process published over while `fn` prepared it (VERSION_MOVED) is run again from the new table.
 */
export async function serialized<T>(resourceId: string, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(resourceId) ?? Promise.resolve();
  const attempt = async (tries: number): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (tries >= MAX_TRIES || !(err instanceof OdpError) || err.code !== VERSION_MOVED) throw err;
      return attempt(tries + 1);
    }
  };
  const run = before.catch(() => undefined).then(() => attempt(1));
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
 * Publishes `parquetPath` (a local file) with `schema` as the resource's only table in a new version, if
 * the serving version is still `basedOn` (what the write read; null for none).
 * `summary` is recorded as the load's finding so the history says which action wrote it.
 */
export async function publishTable(
  ctx: AppContext,
  resourceId: string,
  basedOn: number | null,
  schema: WritableSchema,
  parquetPath: string,
  summary: { code: string; message: string },
): Promise<number> {
  const pending = await startVersion(ctx.db, resourceId, 1);
  try {
    await publishVersion(ctx.db, ctx.blobs, pending, [{ parquetPath, schema }], [summary], basedOn);
  } catch (err) {
    await failVersion(ctx.db, ctx.blobs, pending, err);
    throw err;
  }
  await setDatastoreActive(ctx.catalog, resourceId, true);
  return pending.version;
}

/** Removes the resource's datastore tables and their files; the resource is no longer datastore_active. */
export async function dropTables(ctx: AppContext, resourceId: string): Promise<void> {
  const old = await currentTables(ctx.db, resourceId);
  await ctx.db.kysely.deleteFrom('datastore_tables').where('resource_id', '=', resourceId).execute();
  await setDatastoreActive(ctx.catalog, resourceId, false);
  for (const v of new Set(old.map((t) => t.version))) await ctx.blobs.delete(versionPrefix(resourceId, v));
}
