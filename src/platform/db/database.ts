import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type pg from 'pg';
import { onFirstUse } from '../lazy-libraries.ts';
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
const pgModule = onFirstUse<typeof pg>('pg');
function pgDriver(): typeof pg {
  const driver = pgModule();
  // PostgreSQL returns int8 (count(*)) as text by default; counts here always fit a JS number.
  driver.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  return driver;
}

/**
 * A PostgreSQL pool that survives the server ending its connections (a restart, or an administrator):
 * the error of a connection that is idle, or one being closed, is not a crash; the pool opens a new one
 * for the next query, and a query that was running fails with the error. `closed()` resolves once every
 * connection has really ended (the pool's own end() only asks them to).
 */
function openPool(url: string): { pool: pg.Pool; closed: () => Promise<void> } {
  const pool = new (pgDriver().Pool)({ connectionString: url, max: 10 });
  const open = new Set<pg.Client>();
  const ignore = () => {};
  pool.on('error', ignore);
  pool.on('connect', (client) => {
    open.add(client);
    client.on('error', ignore);
    client.once('end', () => open.delete(client));
  });
  const closed = () =>
    Promise.all([...open].map((c) => new Promise<void>((r) => c.once('end', () => r())))).then(ignore);
  return { pool, closed };
}

/** Opens the metadata store; does not run migrations (see migrate.ts). */
export function openDb(target: DbTarget): Db {
  if (target.kind === 'postgres') {
    const { pool, closed } = openPool(target.url);
    const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    return {
      kysely,
      dialect: 'postgres',
      close: async () => {
        await kysely.destroy();
        await closed();
      },
    };
  }
  if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
  const { database, writeStamp } = openSqlite(target.path);
  const kysely = new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy(), writeStamp };
}
