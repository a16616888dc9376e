/**
 * A cut-off for sorted pages on large tables. DuckDB's top-N looks at every row that passes the filters
 * (1M rows for one county of a 10M-row table); its own dynamic filter only skips whole row groups, which
 * never happens on unsorted data. So we first take the n-th value of the first sort key among the rows of
 * a small sample of the table, then add "first key at or before that value" to the filters: DuckDB then
 * drops nearly every row inside the scan. (A random sample, not the first rows: real files are often in
 * date or code order, where the first rows' values make a useless cut-off.)
 *
 * Exact: the sample's n matching rows all sort at or before the value, so the table's first n matching rows
 * do too, and the page (rows offset..offset+limit of the first n) is unchanged.
 */
import type { DatastoreEngine } from './engine.ts';
import type { SearchRequest } from './query-params.ts';
import type { Where } from './query-sql.ts';

/** Fraction of the table the probe samples (whole vectors, chosen at random with a fixed seed). */
const SLICE = 1 / 16;
/**
 * Numbers and dates only: a text cut-off is a string comparison on every row (FSST-compressed text is
 * decoded for it), which cost 30x what it saved on a 10M-row table sorted by a unique code.
 */
const CUTOFF_TYPES = new Set(['int', 'numeric', 'date', 'timestamp']);
/** Below this many rows a plain top-N is fast enough. */
const MIN_ROWS = 500_000;

/**
 * `where` with the cut-off added, or `where` itself when none applies (small table, sort on `_id` or a
 * text or boolean, too few matching rows in the sample, or a NULL at the cut-off).
 * `source` is the engine's cached copy (a DuckDB table; samples of Parquet reads are slower).
 */
export async function withSortCutoff(
  engine: DatastoreEngine,
  source: string,
  request: SearchRequest,
  where: Where,
  rowCount: number,
): Promise<Where> {
  const first = request.sort[0];
  const n = request.offset + request.limit;
  if (!first || first.field.columnId === null || !CUTOFF_TYPES.has(first.field.type)) return where;
  if (rowCount < MIN_ROWS || n > rowCount * SLICE * 0.05) return where;

  const order = `${first.field.sql} ${first.desc ? 'DESC' : 'ASC'}${first.nulls ? ` NULLS ${first.nulls}` : ''}`;
  // Read natively (not as JSON) so the value binds back with its exact type: no rounding of decimals,
  // doubles or timestamps on the way.
  const value = await engine.withConnection(async (connection) => {
    const probe = await connection.runAndReadAll(
      `SELECT ${first.field.sql} FROM ${source} TABLESAMPLE SYSTEM (${SLICE * 100}%) REPEATABLE (7) ${where.sql} ORDER BY ${order} LIMIT 1 OFFSET ${n - 1}`,
      where.params,
    );
    return probe.getRows()[0]?.[0] ?? null;
  });
  if (value === null) return where;

  const param = `$${where.params.length + 1}`;
  const cutoff = `${first.field.sql} ${first.desc ? '>=' : '<='} ${param}`;
  // DuckDB puts NULLs last unless told otherwise; NULLs that sort first all stay in.
  const condition = first.nulls === 'FIRST' ? `(${first.field.sql} IS NULL OR ${cutoff})` : cutoff;
  return { sql: and(where.sql, condition), params: [...where.params, value] };
}

function and(whereSql: string, condition: string): string {
  return whereSql === '' ? `WHERE ${condition}` : `${whereSql} AND ${condition}`;
}
