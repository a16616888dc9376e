import type { Db, Dialect, Queryable } from '../platform/db/database.ts';
import { groupCommitOf } from '../platform/db/group-commit.ts';

/** Runs inside the catalog's write transaction after a dataset changed (search reindex, quality summary). */
export type DatasetWriteHook = (trx: Queryable, dialect: Dialect, datasetId: string) => Promise<void>;

/** What catalog services need: the store and the hooks other modules register. */
export interface CatalogContext {
  db: Db;
  afterDatasetWrite: DatasetWriteHook[];
}

/**
 * Runs `fn` in one transaction and then every after-write hook for the datasets it reports as touched.
 * On SQLite concurrent writes share a commit (see group-commit.ts); each still commits or fails alone.
 */
export async function inTransaction<T>(
  ctx: CatalogContext,
  fn: (trx: Queryable) => Promise<{ value: T; touched: string[] }>,
): Promise<T> {
  const unit = async (trx: Queryable): Promise<T> => {
    const { value, touched } = await fn(trx);
    for (const id of new Set(touched))
      for (const hook of ctx.afterDatasetWrite) await hook(trx, ctx.db.dialect, id);
    return value;
  };
  if (ctx.db.dialect === 'sqlite') return groupCommitOf(ctx.db.kysely).run(unit);
  return ctx.db.kysely.transaction().execute(unit);
}
