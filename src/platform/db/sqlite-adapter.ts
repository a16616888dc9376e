import { constants, DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
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

/** SQLite's own threshold: the committing connection checkpoints once the WAL holds this many pages. */
const OWN_CHECKPOINT_PAGES = 1000;
/** While the checkpointer thread runs, the committing connection steps in only past this many pages. */
const FALLBACK_CHECKPOINT_PAGES = 16_000;
/** How often the checkpointer thread checkpoints (ms). */
const CHECKPOINT_EVERY_MS = 100;
/** Delay between the first write and starting the thread: short-lived processes (CLI, tests) never start it. */
const CHECKPOINTER_DELAY_MS = 1000;

/**
 * Moves WAL checkpoints (page copies and two fsyncs) to a worker thread with its own connection, so
 * commits on the main thread never wait for the disk. Checkpoints still run at least as often as
 * SQLite's default would under load (every 100 ms instead of every 1,000 pages), so what a power loss
 * could take back under synchronous=NORMAL does not grow. Started lazily; if the thread fails, the
 * connection checkpoints itself again.
 */
function checkpointer(raw: DatabaseSync, path: string): { wake(): void; stop(): void } {
  let worker: Worker | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const ownThreshold = (pages: number): void => {
    if (!closed) raw.exec(`PRAGMA wal_autocheckpoint = ${pages}`);
  };
  const start = (): void => {
    if (closed) return;
    const w = new Worker(new URL('./wal-checkpointer.ts', import.meta.url), {
      workerData: { path, everyMs: CHECKPOINT_EVERY_MS },
    });
    w.unref();
    w.on('message', (msg) => {
      if (msg === 'ready') ownThreshold(FALLBACK_CHECKPOINT_PAGES);
    });
    w.on('error', () => ownThreshold(OWN_CHECKPOINT_PAGES));
    w.on('exit', () => ownThreshold(OWN_CHECKPOINT_PAGES));
    worker = w;
  };
  return {
    wake: () => {
      if (timer || closed || path === ':memory:') return;
      timer = setTimeout(start, CHECKPOINTER_DELAY_MS);
      timer.unref();
    },
    stop: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      worker?.postMessage('stop');
    },
  };
}

/** Counts the statement runs that wrote each table through this connection (see SqliteHandle.writeStamp). */
class WriteCounter {
  private readonly counts = new Map<string, number>();

  /** Called on every write (of any table): starts the checkpointer on the first. */
  onWrite: () => void = () => undefined;

  bump(tables: readonly string[]): void {
    this.onWrite();
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
  // 64 MiB of page cache (the default is 2 MiB): indexes keyed by names, tags and values take writes
  // all over their pages, and a page missing from the cache costs a read call.
  // Statement and savepoint journals in memory: they only serve rolling back part of an open transaction
  // (crash recovery uses the WAL), and as temporary files they cost two write calls per page changed.
  raw.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;',
  );
  const counter = new WriteCounter();
  const walThread = checkpointer(raw, path);
  counter.onWrite = () => {
    counter.onWrite = () => undefined;
    walThread.wake();
  };
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
    database: {
      close: () => {
        walThread.stop();
        raw.close();
      },
      prepare,
    },
    writeStamp: (tables) => `${String(dataVersion.get()?.data_version)}:${counter.sum(tables)}`,
  };
}
