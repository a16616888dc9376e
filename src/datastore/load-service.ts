import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlobStore } from '../platform/blobs.ts';
import type { Db } from '../platform/db/database.ts';
import type { LoadFinding } from './load-errors.ts';
import { loadFile } from './load-file.ts';
import { failVersion, now, publishVersion, type ServingTable, startVersion } from './versions.ts';

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

/** Message stored on a load that was running when its process died. */
export const INTERRUPTED = 'interrupted: the loading process ended before the load finished; retry the load';

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
  const pending = await startVersion(db, resourceId);
  const workDir = await mkdtemp(join(tmpdir(), 'odp-load-'));
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
        .where('id', '=', pending.loadId)
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
    await progressWrite;
    const tables = await publishVersion(db, blobs, pending, loaded.tables, loaded.findings);
    return { loadId: pending.loadId, version: pending.version, tables, findings: loaded.findings };
  } catch (err) {
    await progressWrite.catch(() => undefined);
    await failVersion(db, blobs, pending, err);
    throw err;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
