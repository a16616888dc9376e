import { sql } from 'kysely';
import type { Db, Dialect, Queryable } from '../platform/db/database.ts';
import { loadSources } from './doc-source.ts';
import { buildDoc, type IndexDoc } from './document.ts';
import { updateDocInPlace } from './index-update.ts';
import { applyCountDeltas, countDeltas, deleteDocs, insertDocs, rebuildCounts } from './index-writer.ts';

/** Change-log rows kept behind the newest (a reader further behind reloads everything). */
const LOG_KEEP = 50_000;
/** The log is trimmed once every this many dataset writes of a process (so it holds at most LOG_KEEP + this). */
const TRIM_EVERY = 1000;
let writesSinceTrim = 0;

/**
 * Rewrites one dataset's index rows from its current catalog rows, through the caller's transaction
 * (so the index commits or rolls back with the catalog write). Removes them when the dataset is gone.
 */
export async function reindexDataset(trx: Queryable, dialect: Dialect, datasetId: string): Promise<void> {
  if (dialect === 'sqlite') {
    const stored = await trx
      .selectFrom('search_docs')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .executeTakeFirst();
    const doc = await docOf(trx, dialect, datasetId);
    if (stored && doc) await updateDocInPlace(trx, stored, doc);
    else if (stored) await deleteDocs(trx, dialect, [datasetId]);
    else if (doc) await insertDocs(trx, dialect, [doc]);
    return applyChange(trx, dialect, stored, doc);
  }
  const old = await trx
    .selectFrom('search_docs')
    .select(['public', 'facets'])
    .where('dataset_id', '=', datasetId)
    .executeTakeFirst();
  const doc = await docOf(trx, dialect, datasetId);
  if (old) await deleteDocs(trx, dialect, [datasetId]);
  if (doc) await insertDocs(trx, dialect, [doc]);
  return applyChange(trx, dialect, old, doc);
}

async function docOf(trx: Queryable, dialect: Dialect, datasetId: string): Promise<IndexDoc | null> {
  const [src] = await loadSources(trx, [datasetId]);
  return src ? buildDoc(src, dialect) : null;
}

/** Facet counts follow the change; the SQLite change log is trimmed. */
async function applyChange(
  trx: Queryable,
  dialect: Dialect,
  old: { public: number; facets: string } | undefined,
  doc: IndexDoc | null,
): Promise<void> {
  const deltas = new Map<string, number>();
  countDeltas(old, -1, deltas);
  countDeltas(doc?.row, 1, deltas);
  await applyCountDeltas(trx, deltas);
  if (dialect === 'sqlite' && ++writesSinceTrim >= TRIM_EVERY) {
    writesSinceTrim = 0;
    await sql`delete from search_changes where seq < (select max(seq) from search_changes) - ${LOG_KEEP}`.execute(
      trx,
    );
  }
}

/** Progress callback of reindexAll: datasets done so far and the total. */
export type ReindexProgress = (done: number, total: number) => void;

/** Non-unique indexes of the search tables: dropped during a rebuild, created again after it. */
async function secondaryIndexes(q: Queryable, dialect: Dialect): Promise<{ name: string; ddl: string }[]> {
  if (dialect === 'sqlite') {
    const r = await sql<{ name: string; ddl: string }>`select name, sql as ddl from sqlite_master
      where type = 'index' and tbl_name in ('search_docs', 'search_facets') and sql is not null
      and lower(sql) not like 'create unique%'`.execute(q);
    return r.rows;
  }
  const r = await sql<{ name: string; ddl: string }>`select indexname as name, indexdef as ddl from pg_indexes
    where schemaname = current_schema() and tablename in ('search_docs', 'search_facets')
    and indexdef not like 'CREATE UNIQUE%'`.execute(q);
  return r.rows;
}

/**
 * Rebuilds the whole index from the catalog tables (after a bulk import, or when a facet field was
 * added): secondary indexes are dropped and built again at the end (much faster than row by row),
 * batches of 2,000 datasets commit one by one, facet counts are recomputed and the SQLite full-text
 * index merged into one segment at the end. Readers see a partial index while it runs.
 */
export async function reindexAll(db: Db, onProgress?: ReindexProgress): Promise<number> {
  const k = db.kysely;
  const sqlite = db.dialect === 'sqlite';
  const indexes = await secondaryIndexes(k, db.dialect);
  await k.transaction().execute(async (trx) => {
    if (sqlite) {
      await sql`delete from search_fts`.execute(trx);
      await sql`insert into search_fts (search_fts, rank) values ('automerge', 0)`.execute(trx);
    }
    await trx.deleteFrom('search_facets').execute();
    await trx.deleteFrom('search_docs').execute();
    for (const ix of indexes) await sql`drop index if exists ${sql.ref(ix.name)}`.execute(trx);
  });
  const ids = (await k.selectFrom('datasets').select('id').orderBy('id').execute()).map((r) => r.id);
  const batch = 2000;
  const codes = new Map<string, number>();
  try {
    for (let i = 0; i < ids.length; i += batch) {
      const sources = await loadSources(k, ids.slice(i, i + batch));
      const docs = sources.map((s) => buildDoc(s, db.dialect));
      await k.transaction().execute((trx) => insertDocs(trx, db.dialect, docs, { log: false, codes }));
      onProgress?.(Math.min(i + batch, ids.length), ids.length);
    }
  } finally {
    await k.transaction().execute(async (trx) => {
      for (const ix of indexes)
        await sql.raw(ix.ddl.replace(/^create index /i, 'create index if not exists ')).execute(trx);
      if (sqlite) {
        await sql`insert into search_fts (search_fts, rank) values ('automerge', 4)`.execute(trx);
        await sql`insert into search_changes (doc) values (-1)`.execute(trx);
      }
    });
  }
  await k.transaction().execute((trx) => rebuildCounts(trx));
  if (sqlite) {
    await sql`insert into search_fts (search_fts) values ('optimize')`.execute(k);
    await sql`delete from search_changes where seq < (select max(seq) from search_changes)`.execute(k);
    await sql`analyze search_docs`.execute(k);
    await sql`analyze search_facets`.execute(k);
  } else await sql`vacuum (analyze) search_docs, search_facets`.execute(k);
  return ids.length;
}
