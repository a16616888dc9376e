/**
 * The shared DuckDB engine for ordinary datastore reads (search, aggregates, exports).
 * One in-memory DuckDB instance; each operation takes its own connection (cheap in DuckDB) under a
 * concurrency gate, so queries never share a connection and a burst cannot pile up unbounded work.
 * User SQL never runs here: the datastore_search_sql sandbox uses its own locked-down instances.
 * Large tables that get queried are copied into DuckDB's own storage once (engine-cache.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBValue, Json } from '@duckdb/node-api';
import { OdpError } from '../platform/errors.ts';
import { createdOnFirstUse, duckDb } from '../platform/lazy-libraries.ts';
import { CACHE_DB, createTableCache, type TableCacheStats } from './engine-cache.ts';
import { createGate, type Gate } from './engine-gate.ts';

export interface DatastoreEngineOptions {
  /** DuckDB worker threads (default: DuckDB's own choice, the core count). */
  threads?: number;
  /** DuckDB memory cap, e.g. '1GB'. */
  memoryLimit?: string;
  /** Where DuckDB may spill large sorts; '' disables spilling (default: DuckDB's `.tmp` in the cwd). */
  tempDirectory?: string;
  /** Operations running at once; others wait in line (default 8). */
  maxConcurrent?: number;
  /** Milliseconds before a query is interrupted (default 30 s). */
  timeoutMs?: number;
  /** Streams (exports) running at once, gated apart from queries so slow downloads never block searches (default 4). */
  maxConcurrentStreams?: number;
  /** Bytes the hot-table cache may use (default 40% of memoryLimit, else 256 MiB); 0 disables it. */
  cacheBytes?: number;
  /** Smallest table (rows) worth copying into the cache (default 200,000). */
  cacheMinRows?: number;
  /** Folder for the cache's database file (default a fresh folder in the OS temp dir, removed on close). */
  cacheDirectory?: string;
}

/** The Parquet table an operation reads: where it is and how many rows it has. */
export interface TableRef {
  parquetPath: string;
  rowCount: number;
}

/** Rows as DuckDB's JSON-friendly values (BIGINT and DECIMAL as strings, dates as ISO text). */
export interface EngineRows {
  columns: string[];
  rows: Json[][];
}

/** A read-only query engine over Parquet files. */
export interface DatastoreEngine {
  /** Runs one statement with bound parameters and returns every row (use for bounded results only). */
  query(sql: string, params?: DuckDBValue[]): Promise<EngineRows>;
  /** Streams a statement's rows chunk by chunk (about 2,048 rows each) in constant memory. */
  stream(sql: string, params?: DuckDBValue[]): AsyncGenerator<Json[][], void, void>;
  /** Runs `fn` with a dedicated connection (e.g. for COPY ... TO); the connection is closed afterwards. */
  withConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` with the table's cached copy (a FROM-able name holding the Parquet columns plus
   * `file_row_number`) when one is ready, else with null (read the Parquet file); the second use of a
   * large table within 10 minutes starts building its copy in the background. The copy stays pinned until
   * `fn` settles.
   */
  withTable<T>(table: TableRef, fn: (cached: string | null) => Promise<T>): Promise<T>;
  /** Builds the table's cached copy now (when it is large enough) and waits; true when one is ready. */
  warm(table: TableRef): Promise<boolean>;
  /** What the hot-table cache holds. */
  cacheStats(): TableCacheStats;
  /** Waits for running operations, then closes the instance. */
  close(): Promise<void>;
}

/** Creates the engine; call `close()` on shutdown. */
export async function createDatastoreEngine(options: DatastoreEngineOptions = {}): Promise<DatastoreEngine> {
  const config: Record<string, string> = {};
  if (options.threads) config.threads = String(options.threads);
  if (options.memoryLimit) config.memory_limit = options.memoryLimit;
  if (options.tempDirectory !== undefined) config.temp_directory = options.tempDirectory;
  const { DuckDBInstance, JsonDuckDBValueConverter } = duckDb();
  const instance = await DuckDBInstance.create(':memory:', config);
  const setup = await instance.connect();
  // Parquet footers are re-read on every query otherwise; the files are immutable, so caching is safe.
  await setup.run('SET parquet_metadata_cache = true');
  const cacheDir = options.cacheDirectory ?? (await mkdtemp(join(tmpdir(), 'odp-hot-')));
  const cacheFile = join(cacheDir, `hot-${process.pid}-${Date.now()}.duckdb`);
  // Row groups of 16,384 rows (DuckDB's default is 122,880): fetching a page's rows by row number then
  // reads ~100 small row groups, not the whole table (10M rows: 240 -> 55 ms CPU), for a little more
  // build time (11 -> 14 s CPU) and about the same filtered counts and top-N.
  await setup.run(`ATTACH ${sqlString(cacheFile)} AS ${CACHE_DB} (ROW_GROUP_SIZE ${CACHE_ROW_GROUP})`);
  setup.closeSync();
  const cache = createTableCache({
    budgetBytes: options.cacheBytes ?? cacheBudget(options.memoryLimit),
    minRows: options.cacheMinRows ?? 200_000,
    connect: () => instance.connect(),
  });
  const gate: Gate = createGate(options.maxConcurrent ?? 8);
  const streamGate: Gate = createGate(options.maxConcurrentStreams ?? 4);
  const timeoutMs = options.timeoutMs ?? 30_000;
  let closed = false;

  const withConnection = async <T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> => {
    if (closed) throw new OdpError('bad_request', 'ODP_ENGINE_CLOSED', 'The datastore engine is closed');
    return gate.run(async () => {
      const connection = await instance.connect();
      try {
        return await fn(connection);
      } finally {
        connection.closeSync();
      }
    });
  };

  return {
    query: (sql, params = []) =>
      withConnection((connection) =>
        withTimeout(connection, timeoutMs, async () => {
          const reader = await connection.runAndReadAll(sql, params);
          return { columns: reader.columnNames(), rows: reader.getRowsJson() };
        }),
      ),
    async *stream(sql, params = []) {
      if (closed) throw new OdpError('bad_request', 'ODP_ENGINE_CLOSED', 'The datastore engine is closed');
      const release = await streamGate.acquire();
      const connection = await instance.connect();
      try {
        const result = await connection.stream(sql, params);
        for (;;) {
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) break;
          yield chunk.convertRows(JsonDuckDBValueConverter) as Json[][];
        }
      } finally {
        // Closing mid-stream (consumer stopped early) abandons the rest of the result.
        connection.closeSync();
        release();
      }
    },
    withConnection,
    async withTable(table, fn) {
      const lease = closed ? null : cache.lease(table.parquetPath, table.rowCount);
      try {
        return await fn(lease?.source ?? null);
      } finally {
        lease?.release();
      }
    },
    warm: (table) => cache.warm(table.parquetPath, table.rowCount),
    cacheStats: () => cache.stats(),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([gate.drain(), streamGate.drain(), cache.close()]);
      instance.closeSync();
      // The copies are only a cache: nothing in them outlives the engine.
      if (options.cacheDirectory === undefined) await rm(cacheDir, { recursive: true, force: true });
      else await Promise.all([cacheFile, `${cacheFile}.wal`].map((f) => rm(f, { force: true })));
    },
  };
}

/** Rows per row group in the cache database. */
const CACHE_ROW_GROUP = 16_384;

/** 40% of a DuckDB memory limit such as '1GB' or '512MiB' (256 MiB when there is no limit). */
export function cacheBudget(memoryLimit: string | undefined): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?)b?\s*$/i.exec(memoryLimit ?? '');
  if (!match) return 256 * 1024 ** 2;
  const power = ['', 'k', 'm', 'g', 't'].indexOf((match[2] ?? '').toLowerCase());
  // DuckDB reads '1GB' as 10^9 bytes and '1GiB' as 2^30.
  return Math.floor(Number(match[1]) * (match[3] ? 1024 : 1000) ** power * 0.4);
}

/** Interrupts the connection's running query when it outlives `ms`. */
export async function withTimeout<T>(
  connection: DuckDBConnection,
  ms: number,
  fn: () => Promise<T>,
): Promise<T> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, ms);
  try {
    return await fn();
  } catch (err) {
    if (timedOut) {
      throw new OdpError(
        'bad_request',
        'ODP_QUERY_TIMEOUT',
        `Query took longer than ${ms} ms and was stopped`,
      );
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** A SQL string literal for a trusted value such as a Parquet path from the blob store. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A quoted SQL identifier; only for identifiers from a TableSchema or of our own making. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The engine, created on first use: the server starts without loading DuckDB (about a tenth of its
 * start), and the first datastore request pays for it instead. A failed creation is retried next time.
 */
export function lazyDatastoreEngine(options: DatastoreEngineOptions = {}): DatastoreEngine {
  const lazy = createdOnFirstUse(() => createDatastoreEngine(options));
  const engine = lazy.get;
  const idle: TableCacheStats = { tables: 0, bytes: 0, budgetBytes: 0, builds: 0, evictions: 0, failures: 0 };
  return {
    query: async (sql, params) => (await engine()).query(sql, params),
    stream: async function* (sql, params) {
      yield* (await engine()).stream(sql, params);
    },
    withConnection: async (fn) => (await engine()).withConnection(fn),
    withTable: async (table, fn) => (await engine()).withTable(table, fn),
    warm: async (table) => (await engine()).warm(table),
    cacheStats: () => lazy.ready()?.cacheStats() ?? idle,
    close: lazy.close,
  };
}
