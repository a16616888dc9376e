import { sql } from 'kysely';
import type { Db, Dialect, Queryable } from '../platform/db/database.ts';
import { loadSources } from './doc-source.ts';
import { buildDoc } from './document.ts';
import { applyCountDeltas, countDeltas, deleteDocs, insertDocs, rebuildCounts } from './index-writer.ts';

/**
 * Rewrites one dataset's index rows from its current catalog rows, through the caller's transaction
 * (so the index commits or rolls back with the catalog write). Removes them when the dataset is gone.
 */
export async function reindexDataset(trx: Queryable, dialect: Dialect, datasetId: string): Promise<void> {
  const old = await trx
    .selectFrom('search_docs')
    .select(['public', 'facets'])
    .where('dataset_id', '=', datasetId)
    .executeTakeFirst();
  const [src] = await loadSources(trx, [datasetId]);
  const doc = src ? buildDoc(src) : null;
  if (old) await deleteDocs(trx, dialect, [datasetId]);
  if (doc) await insertDocs(trx, dialect, [doc]);
  const deltas = new Map<string, number>();
  countDeltas(old, -1, deltas);
  countDeltas(doc?.row, 1, deltas);
  await applyCountDeltas(trx, deltas);
}

/** Progress callback of reindexAll: datasets done so far and the total. */
export type ReindexProgress = (done: number, total: number) => void;

/**
 * Rebuilds the whole index from the catalog tables (after a bulk import, or when a facet field was
 * added), in batches of one transaction each; facet counts are recomputed at the end.
 */
export async function reindexAll(db: Db, onProgress?: ReindexProgress): Promise<number> {
  const k = db.kysely;
  await k.transaction().execute(async (trx) => {
    if (db.dialect === 'sqlite') await sql`delete from search_fts`.execute(trx);
    await trx.deleteFrom('search_facets').execute();
    await trx.deleteFrom('search_docs').execute();
  });
  const ids = (await k.selectFrom('datasets').select('id').orderBy('id').execute()).map((r) => r.id);
  const batch = 2000;
  for (let i = 0; i < ids.length; i += batch) {
    const part = ids.slice(i, i + batch);
    await k.transaction().execute(async (trx) => {
      const docs = (await loadSources(trx, part)).map(buildDoc);
      await deleteDocs(trx, db.dialect, part);
      await insertDocs(trx, db.dialect, docs);
    });
    onProgress?.(Math.min(i + batch, ids.length), ids.length);
  }
  await k.transaction().execute((trx) => rebuildCounts(trx));
  return ids.length;
}
