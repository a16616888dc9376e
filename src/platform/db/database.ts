import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Tables } from './schema.ts';
import { openSqlite } from './sqlite-adapter.ts';

export type Dialect = 'sqlite' | 'postgres';
/** A query builder over the metadata store: the database itself or a transaction. */
export type Queryable = Kysely<Tables> | Transaction<Tables>;

/** The metadata store: a Kysely instance plus which engine is behind it. */
export interface Db {
  kysely: Kysely<Tables>;
  dialect: Dialect;
  close(): Promise<void>;
  /**
   * SQLite: a value that changes whenever any of `tables` may have changed (see SqliteHandle.writeStamp),
   * for in-process caches of rarely written tables. Absent on PostgreSQL, where other servers may write.
   */
  writeStamp?: (tables: readonly string[]) => string;
}

export type DbTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** The PostgreSQL driver, loaded when a PostgreSQL store is first opened (an embedded store never needs it). */
function pgDriver(): typeof pg {
  const driver = createRequire(import.meta.url)('pg') as typeof pg;
  // PostgreSQL returns int8 (count(*)) as text by default; counts here always fit a JS number.
  driver.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  return driver;
}

/** Opens the metadata store; does not run migrations (see migrate.ts). */
export function openDb(target: DbTarget): Db {
  if (target.kind === 'postgres') {
    const pool = new (pgDriver().Pool)({ connectionString: target.url, max: 10 });
    const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
  }
  if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
  const { database, writeStamp } = openSqlite(target.path);
  const kysely = new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy(), writeStamp };
}
