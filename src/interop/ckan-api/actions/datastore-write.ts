/**
 * Writes the next version of a datastore table with DuckDB: the current Parquet file and the new
 * records (staged as newline-delimited JSON, values bound by file, never inlined into SQL) combined by
 * insert / upsert / update on the primary key, or filtered by delete. Returns a local Parquet file.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppContext } from '../../../app-context.ts';
import type { ColumnType } from '../../../datastore/index.ts';
import { type FieldErrors, invalid, OdpError } from '../../../platform/errors.ts';
import { cellText, labelsOf } from './datastore-records.ts';
import type { WritableSchema } from './datastore-version.ts';

export type WriteMethod = 'insert' | 'upsert' | 'update';

const SQL_TYPE: Record<ColumnType, string> = {
  text: 'VARCHAR',
  integer: 'BIGINT',
  decimal: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

const fail = (key: string, message: string): never => {
  const errors: FieldErrors = { [key]: [message] };
  throw invalid(errors);
};

/** What a write starts from and what it writes to. */
export interface WriteInput {
  schema: WritableSchema;
  /** Local path of the current Parquet file, or null for a new table. */
  oldParquet: string | null;
  /** Column ids the old file has (columns added by this write are NULL for old rows). */
  oldColumns: Set<string>;
  workDir: string;
}

/** Stages records as NDJSON: `n` (order), `v<i>` (value text) and `p<i>` (the key was present). */
async function stageRecords(input: WriteInput, records: Array<Record<string, unknown>>): Promise<string> {
  const labels = labelsOf(input.schema);
  const index = new Map(input.schema.columns.map((c, i) => [c.id, i]));
  const lines = records.map((r, n) => {
    const row: Record<string, unknown> = { n };
    input.schema.columns.forEach((_, i) => {
      row[`v${i}`] = null;
      row[`p${i}`] = false;
    });
    for (const [key, value] of Object.entries(r)) {
      const id = labels.get(key);
      const i = id === undefined ? undefined : index.get(id);
      if (i === undefined) continue;
      row[`v${i}`] = cellText(value);
      row[`p${i}`] = true;
    }
    return JSON.stringify(row);
  });
  const path = join(input.workDir, 'records.ndjson');
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

/** SQL reading the staged records with each column cast to its type. */
function newRowsSql(input: WriteInput, path: string): string {
  const cols = input.schema.columns;
  const types = [`'n': 'BIGINT'`, ...cols.flatMap((_, i) => [`'v${i}': 'VARCHAR'`, `'p${i}': 'BOOLEAN'`])];
  const select = cols.map((c, i) => `CAST(v${i} AS ${SQL_TYPE[c.type]}) AS ${ident(c.id)}, p${i}`);
  return `SELECT n, ${select.join(', ')} FROM read_json(${literal(path)}, format = 'newline_delimited', columns = {${types.join(', ')}})`;
}

/** SQL reading the current rows with their row number `__r`, NULL for columns the file lacks. */
function oldRowsSql(input: WriteInput): string {
  const select = input.schema.columns.map((c) =>
    input.oldColumns.has(c.id) ? ident(c.id) : `CAST(NULL AS ${SQL_TYPE[c.type]}) AS ${ident(c.id)}`,
  );
  if (!input.oldParquet) return `SELECT CAST(NULL AS BIGINT) AS __r, ${select.join(', ')} WHERE false`;
  return `SELECT file_row_number AS __r, ${select.join(', ')} FROM read_parquet(${literal(input.oldParquet)}, file_row_number = true)`;
}

/** DuckDB conversion failures are the caller's bad values (409), anything else is ours. */
function mapDuckDbError(err: unknown, key = 'records'): never {
  if (err instanceof OdpError) throw err;
  const message = err instanceof Error ? err.message : String(err);
  if (/Conversion Error|Could not convert|Invalid Input Error|out of range/i.test(message)) {
    return fail(key, message.replace(/\s*LINE \d+:[\s\S]*$/, '').slice(0, 500));
  }
  throw err;
}

async function scalarCount(ctx: AppContext, sql: string): Promise<number> {
  const result = await ctx.datastore.engine.query(sql);
  return Number(result.rows[0]?.[0] ?? 0);
}

/** Copies `selectSql` (columns in schema order) to `<workDir>/out.parquet`; returns path and row count. */
async function copyOut(
  ctx: AppContext,
  input: WriteInput,
  selectSql: string,
  params: string[] = [],
  errorKey = 'records',
): Promise<{ path: string; rows: number }> {
  const path = join(input.workDir, 'out.parquet');
  await ctx.datastore.engine
    .withConnection((c) =>
      c.run(`COPY (${selectSql}) TO ${literal(path)} (FORMAT parquet, COMPRESSION zstd)`, params),
    )
    .catch((err: unknown) => mapDuckDbError(err, errorKey));
  const rows = await scalarCount(ctx, `SELECT count(*) FROM read_parquet(${literal(path)})`);
  const key = input.schema.primaryKey ?? [];
  if (key.length > 0) {
    const keys = key.map(ident).join(', ');
    const dupes = await scalarCount(
      ctx,
      `SELECT count(*) FROM (SELECT ${keys} FROM read_parquet(${literal(path)}) GROUP BY ${keys} HAVING count(*) > 1)`,
    );
    if (dupes > 0)
      fail('constraints', 'Cannot insert records or create index because of uniqueness constraint');
  }
  return { path, rows };
}

/** Writes old rows plus `records` by `method`; upsert/update need the schema's primary key. */
export async function writeRecords(
  ctx: AppContext,
  input: WriteInput,
  records: Array<Record<string, unknown>>,
  method: WriteMethod,
): Promise<{ path: string; rows: number }> {
  const cols = input.schema.columns.map((c) => ident(c.id)).join(', ');
  const staged = await stageRecords(input, records);
  const key = input.schema.primaryKey ?? [];
  if (method === 'insert' || records.length === 0) {
    const sql = `SELECT ${cols} FROM (SELECT 0 AS __p, __r AS __o, ${cols} FROM (${oldRowsSql(input)}) UNION ALL SELECT 1, n, ${cols} FROM (${newRowsSql(input, staged)})) ORDER BY __p, __o`;
    return copyOut(ctx, input, sql);
  }
  if (key.length === 0) return fail('table', 'table does not have a unique key defined');
  const byId = new Map(input.schema.columns.map((c, i) => [c.id, i]));
  const labelOf = new Map([...labelsOf(input.schema)].map(([label, id]) => [id, label]));
  records.forEach((r) => {
    const missing = key.filter((id) => {
      const v = r[labelOf.get(id) ?? ''];
      return v === undefined || v === null;
    });
    if (missing.length > 0)
      fail(
        'key',
        `fields "${missing.map((id) => labelOf.get(id)).join(', ')}" are missing but needed as key`,
      );
  });
  const on = key.map((id) => `o.${ident(id)} = n.${ident(id)}`).join(' AND ');
  const fresh = `SELECT * FROM (${newRowsSql(input, staged)}) QUALIFY row_number() OVER (PARTITION BY ${key.map(ident).join(', ')} ORDER BY n DESC) = 1`;
  const old = oldRowsSql(input);
  if (method === 'update') {
    const unmatched = await ctx.datastore.engine
      .query(
        `SELECT ${key.map((id) => `CAST(n.${ident(id)} AS VARCHAR)`).join(', ')} FROM (${fresh}) n WHERE NOT EXISTS (SELECT 1 FROM (${old}) o WHERE ${on}) LIMIT 1`,
      )
      .catch(mapDuckDbError);
    const first = unmatched.rows[0];
    if (first) fail('key', `key "(${first.map((v) => `'${String(v)}'`).join(', ')})" not found`);
  }
  const merged = input.schema.columns
    .map((c) => {
      const i = byId.get(c.id) as number;
      return `CASE WHEN n.n IS NOT NULL AND n.p${i} THEN n.${ident(c.id)} ELSE o.${ident(c.id)} END AS ${ident(c.id)}`;
    })
    .join(', ');
  const newOnly = input.schema.columns.map((c) => `n.${ident(c.id)}`).join(', ');
  const sql = `SELECT ${cols} FROM (
    SELECT 0 AS __p, o.__r AS __o, ${merged} FROM (${old}) o LEFT JOIN (${fresh}) n ON ${on}
    UNION ALL
    SELECT 1, n.n, ${newOnly} FROM (${fresh}) n WHERE NOT EXISTS (SELECT 1 FROM (${old}) o WHERE ${on})
  ) ORDER BY __p, __o`;
  return copyOut(ctx, input, sql);
}

/** One equality filter of datastore_delete: a column and the values (any of; null = empty cell). */
export interface DeleteFilter {
  columnId: string;
  type: ColumnType;
  values: Array<string | number | boolean | null>;
}

/** Writes the old rows that match none of `filters` (all filters must hold for a row to go). */
export async function writeWithout(
  ctx: AppContext,
  input: WriteInput,
  filters: DeleteFilter[],
): Promise<{ path: string; rows: number }> {
  const cols = input.schema.columns.map((c) => ident(c.id)).join(', ');
  const params: string[] = [];
  const conditions = filters.map((f) => {
    const parts = f.values.map((v) => {
      if (v === null) return `${ident(f.columnId)} IS NULL`;
      params.push(String(v));
      return `${ident(f.columnId)} = CAST($${params.length} AS ${SQL_TYPE[f.type]})`;
    });
    return `(${parts.join(' OR ')})`;
  });
  const where =
    conditions.length > 0 ? `WHERE NOT coalesce(${conditions.join(' AND ')}, false)` : 'WHERE false';
  return copyOut(
    ctx,
    input,
    `SELECT ${cols} FROM (${oldRowsSql(input)}) ${where} ORDER BY __r`,
    params,
    'filters',
  );
}
