/**
 * datastore_search_sql: runs one user SELECT over datastore tables, CKAN style (`SELECT * FROM "<resource id>"`).
 *
 * Layers, each enough on its own for the common attacks:
 * 1. DuckDB's parser checks the statement (sql-guard.ts): one SELECT, allow-listed functions, tables by
 *    resource id only. What runs is the SQL re-generated from that checked tree, checked once more.
 * 2. A fresh DuckDB instance per query that can read only the Parquet files of the tables the query names
 *    and the caller may read (allowed_paths), with external access off, no spilling to disk, no extension
 *    loading, and its configuration locked before user SQL runs. Nothing else exists in it.
 * 3. Timeout (interrupt), memory cap, one thread, a row cap (records_truncated) and a concurrency gate.
 * A table that does not exist and one the caller may not read give the same error.
 */
import type { DuckDBResult, Json } from '@duckdb/node-api';
import { OdpError } from '../platform/errors.ts';
import { createdOnFirstUse, duckDb } from '../platform/lazy-libraries.ts';
import { sqlIdent, sqlString, withTimeout } from './engine.ts';
import { createGate } from './engine-gate.ts';
import {
  type CkanField,
  type CkanFieldType,
  ckanValue,
  type DatastoreTable,
  exposedFields,
} from './query-fields.ts';
import { guardStatement, refuse } from './sql-guard.ts';

export interface SqlSandboxOptions {
  /** Milliseconds before the query is interrupted (default 10 s). */
  timeoutMs?: number;
  /** DuckDB memory cap per query (default '256MB'). */
  memoryLimit?: string;
  /** Rows returned at most; more sets records_truncated (default 32,000, CKAN's rows_max). */
  rowLimit?: number;
  /** Queries running at once (default 2). */
  maxConcurrent?: number;
  /** Longest accepted SQL text in characters (default 50,000). */
  maxSqlLength?: number;
  /** Most tables one query may name (default 10). */
  maxTables?: number;
}

/**
 * Finds a table the caller may read by resource id; null when it does not exist OR the caller may not
 * read it (the two must look the same to the caller).
 */
export type ReadableTableLookup = (resourceId: string) => Promise<DatastoreTable | null>;

/** CKAN-shaped datastore_search_sql result. */
export interface SqlResult {
  fields: CkanField[];
  records: Array<Record<string, Json>>;
  records_truncated?: true;
  /** The SQL that ran (re-generated from the checked parse tree). */
  sql: string;
}

export interface SqlSandbox {
  run(sql: string, tables: ReadableTableLookup | ReadonlyMap<string, DatastoreTable>): Promise<SqlResult>;
  close(): Promise<void>;
}

/** Combines "where is it" and "may this caller read it" into one lookup that cannot tell them apart. */
export function readableTables(
  find: (resourceId: string) => Promise<DatastoreTable | null>,
  canRead: (resourceId: string) => Promise<boolean>,
): ReadableTableLookup {
  return async (resourceId) => {
    const [table, allowed] = await Promise.all([find(resourceId), canRead(resourceId)]);
    return table && allowed ? table : null;
  };
}

/** The sandbox, created on first use (the server starts without loading DuckDB); a failed creation is retried. */
export function lazySqlSandbox(options: SqlSandboxOptions = {}): SqlSandbox {
  const lazy = createdOnFirstUse(() => createSqlSandbox(options));
  return { run: async (sql, tables) => (await lazy.get()).run(sql, tables), close: lazy.close };
}

/** Creates the sandbox; `close()` on shutdown. */
export async function createSqlSandbox(options: SqlSandboxOptions = {}): Promise<SqlSandbox> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const rowLimit = options.rowLimit ?? 32_000;
  const maxSqlLength = options.maxSqlLength ?? 50_000;
  const maxTables = options.maxTables ?? 10;
  const gate = createGate(options.maxConcurrent ?? 2);
  // The parser instance only parses: json_serialize_sql never runs the statement. Locked all the same.
  const { DuckDBInstance } = duckDb();
  const parser = await DuckDBInstance.create(':memory:', { threads: '1' });
  const parse = await parser.connect();
  await parse.run(`SET enable_external_access = false`);
  await parse.run(`SET lock_configuration = true`);

  const check = async (sql: string): Promise<{ tables: string[]; sql: string }> => {
    const serialized = await scalar(parse.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]));
    const first = guardStatement(serialized);
    // Run what was checked: SQL re-generated from the checked tree, then checked again.
    const regenerated = await scalar(
      parse.runAndReadAll('SELECT json_deserialize_sql($1::VARCHAR)', [serialized]),
    );
    const second = guardStatement(
      await scalar(parse.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [regenerated])),
    );
    if (second.tables.join('\u0000') !== first.tables.join('\u0000'))
      throw refuse('Could not check the query');
    return { tables: first.tables, sql: regenerated };
  };

  return {
    async run(sql, lookupOrMap) {
      if (typeof sql !== 'string' || sql.trim() === '') throw refuse('Missing value');
      if (sql.length > maxSqlLength) throw refuse(`Query is longer than ${maxSqlLength} characters`);
      const checked = await check(sql);
      if (checked.tables.length > maxTables) throw refuse(`A query may name at most ${maxTables} tables`);
      const lookup =
        typeof lookupOrMap === 'function' ? lookupOrMap : async (id: string) => lookupOrMap.get(id) ?? null;
      const resolved: Array<[string, DatastoreTable]> = [];
      for (const id of checked.tables) {
        const table = await lookup(id);
        if (!table) throw refuse(`relation "${id}" does not exist`);
        resolved.push([id, table]);
      }
      return gate.run(() =>
        execute(checked.sql, resolved, { timeoutMs, rowLimit, memoryLimit: options.memoryLimit }),
      );
    },
    async close() {
      await gate.drain();
      parse.closeSync();
      parser.closeSync();
    },
  };
}

async function scalar(pending: Promise<{ getRowsJson(): Json[][] }>): Promise<string> {
  try {
    return String((await pending).getRowsJson()[0]?.[0] ?? '');
  } catch (err) {
    throw refuse(err instanceof Error ? err.message : 'Could not parse the query');
  }
}

interface ExecuteLimits {
  timeoutMs: number;
  rowLimit: number;
  memoryLimit: string | undefined;
}

async function execute(
  sql: string,
  tables: Array<[string, DatastoreTable]>,
  limits: ExecuteLimits,
): Promise<SqlResult> {
  const { DuckDBInstance } = duckDb();
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    const paths = tables.map(([, t]) => sqlString(t.parquetPath));
    for (const statement of [
      `SET memory_limit = ${sqlString(limits.memoryLimit ?? '256MB')}`,
      `SET temp_directory = ''`,
      'SET autoinstall_known_extensions = false',
      'SET autoload_known_extensions = false',
      `SET allowed_paths = [${paths.join(', ')}]`,
      'SET enable_external_access = false',
      ...tables.map(([id, table]) => viewSql(id, table)),
      'SET lock_configuration = true',
    ]) {
      await connection.run(statement);
    }
    const result = await withTimeout(connection, limits.timeoutMs, async () => {
      const stream = await connection.stream(sql);
      return { stream, rows: await readRows(stream, limits.rowLimit + 1) };
    }).catch((err: unknown) => {
      throw queryError(err, tables);
    });
    const names = result.stream.deduplicatedColumnNames();
    const types = names.map((_, i) => ckanTypeOfDuckDb(result.stream.columnType(i).toString()));
    const truncated = result.rows.length > limits.rowLimit;
    const rows = truncated ? result.rows.slice(0, limits.rowLimit) : result.rows;
    return {
      fields: names.map((id, i) => ({ id, type: types[i] ?? 'text' })),
      records: rows.map((row) =>
        Object.fromEntries(names.map((n, i) => [n, ckanValue(types[i] ?? 'text', row[i] ?? null)])),
      ),
      ...(truncated ? { records_truncated: true as const } : {}),
      sql,
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A view named by resource id whose columns are named by label, so users write `"縣市"`. */
function viewSql(resourceId: string, table: DatastoreTable): string {
  const taken = new Set<string>();
  const columns = exposedFields(table.schema).map((field) => {
    // DuckDB column names are case-insensitive; labels differing only by case get a suffix here.
    let name = field.label.replaceAll('\u0000', '');
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${field.label}_${n}`;
    taken.add(name.toLowerCase());
    return `${field.sql} AS ${sqlIdent(name)}`;
  });
  const source = `read_parquet(${sqlString(table.parquetPath)}, file_row_number = true)`;
  return `CREATE VIEW ${sqlIdent(resourceId)} AS SELECT ${columns.join(', ')} FROM ${source}`;
}

async function readRows(result: DuckDBResult, max: number): Promise<Json[][]> {
  const { JsonDuckDBValueConverter } = duckDb();
  const rows: Json[][] = [];
  while (rows.length < max) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (const row of chunk.convertRows(JsonDuckDBValueConverter)) {
      rows.push(row as Json[]);
      if (rows.length >= max) break;
    }
  }
  return rows;
}

/** The error a failed user query gets: DuckDB's message, with file paths replaced by resource ids. */
function queryError(err: unknown, tables: Array<[string, DatastoreTable]>): OdpError {
  if (err instanceof OdpError) return err;
  let message = err instanceof Error ? err.message : String(err);
  for (const [id, table] of tables) message = message.replaceAll(table.parquetPath, id);
  if (/Out of Memory/i.test(message)) {
    return new OdpError('too_large', 'ODP_SQL_MEMORY', 'The query needs more memory than a query may use');
  }
  return refuse(message);
}

function ckanTypeOfDuckDb(type: string): CkanFieldType {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(type))
    return 'int';
  if (/^(DECIMAL|DOUBLE|FLOAT|REAL)/.test(type)) return 'numeric';
  if (type === 'BOOLEAN') return 'bool';
  if (type === 'DATE') return 'date';
  if (type.startsWith('TIMESTAMP')) return 'timestamp';
  return 'text';
}
