import { constants, DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** node:sqlite cannot bind booleans or undefined; the store keeps booleans as 0/1 on both dialects. */
function bindable(values: ReadonlyArray<unknown>): SQLInputValue[] {
  return values.map((v) => {
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v === undefined) return null;
    return v as SQLInputValue;
  });
}

const WRITE_ACTIONS = new Set([constants.SQLITE_INSERT, constants.SQLITE_UPDATE, constants.SQLITE_DELETE]);

/** Counts the statement runs that wrote each table through this connection (see SqliteHandle.writeStamp). */
class WriteCounter {
  private readonly counts = new Map<string, number>();

  bump(tables: readonly string[]): void {
    for (const t of tables) this.counts.set(t, (this.counts.get(t) ?? 0) + 1);
  }

  sum(tables: readonly string[]): number {
    let n = 0;
    for (const t of tables) n += this.counts.get(t) ?? 0;
    return n;
  }
}

function wrapStatement(
  stmt: StatementSync,
  writes: readonly string[],
  counter: WriteCounter,
): SqliteStatement {
  // A write is counted before it runs: a cache filled from an older stamp is never taken as current.
  const bump = writes.length > 0 ? () => counter.bump(writes) : () => undefined;
  return {
    reader: stmt.columns().length > 0,
    all: (params) => {
      bump();
      return stmt.all(...bindable(params));
    },
    run: (params) => {
      bump();
      return stmt.run(...bindable(params));
    },
    iterate: (params) => {
      bump();
      return stmt.iterate(...bindable(params));
    },
  };
}

/** What openSqlite returns: the raw connection, Kysely's view of it, and the change stamp. */
export interface SqliteHandle {
  raw: DatabaseSync;
  database: SqliteDatabase;
  /**
   * A value that differs from an earlier one whenever any of `tables` may have changed since: it moves
   * with every statement run through this connection that writes one of them (committed or not) and with
   * every commit by another connection (another process on the same file). Lets a process cache what it
   * read from small, rarely written tables (tokens, memberships) and still see each change at once.
   */
  writeStamp(tables: readonly string[]): string;
}

/**
 * Opens a node:sqlite database in WAL mode and exposes the subset Kysely's SqliteDialect drives.
 * synchronous=NORMAL in WAL mode: a commit survives a process crash; a power loss may lose the last
 * commits but never corrupts the file.
 */
export function openSqlite(path: string): SqliteHandle {
  const raw = new DatabaseSync(path);
  // 64 MiB of page cache (the default is 2 MiB): the catalog's indexes are keyed by random ids, so a
  // write touches pages all over them, and a page missing from the cache costs a read call.
  raw.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -65536;',
  );
  const counter = new WriteCounter();
  // The authorizer runs while SQLite compiles a statement and names every table it writes.
  let compiling: string[] = [];
  raw.setAuthorizer((action, table) => {
    if (WRITE_ACTIONS.has(action) && table) compiling.push(table);
    return constants.SQLITE_OK;
  });
  const dataVersion = raw.prepare('PRAGMA data_version');
  // Kysely prepares every query; reusing compiled statements saves most of SQLite's per-query cost.
  const cache = new Map<string, SqliteStatement>();
  const prepare = (sql: string): SqliteStatement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      compiling = [];
      const compiled = raw.prepare(sql);
      stmt = wrapStatement(compiled, [...new Set(compiling)], counter);
      if (cache.size >= 1000) cache.delete(cache.keys().next().value ?? '');
      cache.set(sql, stmt);
    }
    return stmt;
  };
  return {
    raw,
    database: { close: () => raw.close(), prepare },
    writeStamp: (tables) => `${String(dataVersion.get()?.data_version)}:${counter.sum(tables)}`,
  };
}
