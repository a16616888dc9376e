import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** node:sqlite cannot bind booleans or undefined; the store keeps booleans as 0/1 on both dialects. */
function bindable(values: ReadonlyArray<unknown>): SQLInputValue[] {
  return values.map((v) => {
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v === undefined) return null;
    return v as SQLInputValue;
  });
}

function wrapStatement(stmt: StatementSync): SqliteStatement {
  return {
    reader: stmt.columns().length > 0,
    all: (params) => stmt.all(...bindable(params)),
    run: (params) => stmt.run(...bindable(params)),
    iterate: (params) => stmt.iterate(...bindable(params)),
  };
}

/** Opens a node:sqlite database in WAL mode and exposes the subset Kysely's SqliteDialect drives. */
export function openSqlite(path: string): { raw: DatabaseSync; database: SqliteDatabase } {
  const raw = new DatabaseSync(path);
  raw.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;',
  );
  // Kysely prepares every query; reusing compiled statements saves most of SQLite's per-query cost.
  const cache = new Map<string, SqliteStatement>();
  const prepare = (sql: string): SqliteStatement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = wrapStatement(raw.prepare(sql));
      if (cache.size >= 1000) cache.delete(cache.keys().next().value ?? '');
      cache.set(sql, stmt);
    }
    return stmt;
  };
  return { raw, database: { close: () => raw.close(), prepare } };
}
