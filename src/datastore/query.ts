/**
 * datastore_search over one Parquet table: the core used by the CKAN action, /api/v1 and the web preview.
 */
import type { Json } from '@duckdb/node-api';
import type { DatastoreEngine, EngineRows } from './engine.ts';
import {
  type CkanField,
  ckanField,
  ckanValue,
  type DatastoreTable,
  type ExposedField,
  exposedFields,
  tableSource,
} from './query-fields.ts';
import { memoCount } from './query-memo.ts';
import {
  parseSearchInput,
  type RecordsFormat,
  type SearchInput,
  type SearchRequest,
} from './query-params.ts';
import { buildOrderBy, buildWhere, outputAlias, type Where } from './query-sql.ts';
import { withSortCutoff } from './query-threshold.ts';

/** CKAN-shaped result pieces of datastore_search. */
export interface SearchResult {
  fields: CkanField[];
  /** Objects keyed by label, arrays in field order, or a CSV/TSV string (no header), per records_format. */
  records: Array<Record<string, Json>> | Json[][] | string;
  total?: number;
  total_was_estimated: false;
  limit: number;
  offset: number;
  records_format: RecordsFormat;
}

/** Validates CKAN-style `input` and runs the search. Throws OdpError (validation) on bad input. */
export async function searchTable(
  engine: DatastoreEngine,
  table: DatastoreTable,
  input: SearchInput,
): Promise<SearchResult> {
  const all = exposedFields(table.schema);
  const request = parseSearchInput(input, all);
  return runSearch(engine, table, request, all);
}

/** Runs an already validated request. */
export async function runSearch(
  engine: DatastoreEngine,
  table: DatastoreTable,
  request: SearchRequest,
  all: ExposedField[] = exposedFields(table.schema),
): Promise<SearchResult> {
  // Whole-row search covers the data columns, not the synthetic row number (as CKAN's _full_text).
  const where = buildWhere(
    request,
    all.filter((f) => f.columnId !== null),
  );
  const needsRowId =
    request.fields.some((f) => f.columnId === null) ||
    request.sort.some((s) => s.field.columnId === null) ||
    request.filters.some((f) => f.field.columnId === null) ||
    request.qFields.some((f) => f.field.columnId === null);
  const select = request.fields.map((f, i) => `${f.sql} AS ${outputAlias(i)}`).join(', ');
  const ref = { parquetPath: table.parquetPath, rowCount: table.schema.rowCount };
  const [page, total] = await engine.withTable(ref, (cached) => {
    const source = (withRowId: boolean): string => tableSource(table, withRowId || needsRowId, cached);
    // The count runs beside the page (each on its own connection) rather than after it.
    return Promise.all([
      fetchPage(engine, request, where, select, source, cached ? table.schema.rowCount : 0),
      request.includeTotal ? countRows(engine, table, request, source(false), select, where) : undefined,
    ]);
  });

  const rows = page.rows.map((row) => request.fields.map((f, i) => ckanValue(f.type, row[i] ?? null)));
  return {
    fields: request.fields.map(ckanField),
    records: formatRecords(rows, request.fields, request.recordsFormat),
    ...(total === undefined ? {} : { total }),
    total_was_estimated: false,
    limit: request.limit,
    offset: request.offset,
    records_format: request.recordsFormat,
  };
}

/** Rows a late-materialized page may hold: their row numbers are inlined as literals. */
const LATE_MATERIALIZE_MAX = 1000;

/**
 * One page of rows. A sorted page is found in two steps (late materialization): the top rows by row
 * number reading only the filter and sort columns, then those rows' selected columns by row number, which
 * DuckDB prunes to the row groups holding them. On wide tables this skips decoding most of the file.
 * Row number breaks ties so pages are stable.
 */
async function fetchPage(
  engine: DatastoreEngine,
  request: SearchRequest,
  where: Where,
  select: string,
  source: (withRowId: boolean) => string,
  /** Rows of the table when `source` is the engine's cached copy (sort cut-offs need it), else 0. */
  cachedRows: number,
): Promise<EngineRows> {
  const paging = `LIMIT ${request.limit} OFFSET ${request.offset}`;
  if (request.distinct) {
    const aliases = new Map(request.fields.map((f, i) => [f, outputAlias(i)]));
    // DISTINCT can only sort on what it outputs; a sort on an unselected field is dropped there.
    const orderBy = buildOrderBy(
      request.sort.filter((s) => aliases.has(s.field)),
      aliases,
    );
    return engine.query(
      `SELECT DISTINCT ${select} FROM ${source(false)} ${where.sql} ${orderBy} ${paging}`,
      where.params,
    );
  }
  if (request.sort.length === 0 || request.limit > LATE_MATERIALIZE_MAX) {
    const orderBy = request.sort.length > 0 ? `${buildOrderBy(request.sort)}, file_row_number` : '';
    return engine.query(
      `SELECT ${select} FROM ${source(orderBy !== '')} ${where.sql} ${orderBy} ${paging}`,
      where.params,
    );
  }
  const withRowId = source(true);
  const orderBy = `${buildOrderBy(request.sort)}, file_row_number`;
  const cut = cachedRows > 0 ? await withSortCutoff(engine, withRowId, request, where, cachedRows) : where;
  const ids = await engine.query(
    `SELECT file_row_number FROM ${withRowId} ${cut.sql} ${orderBy} ${paging}`,
    cut.params,
  );
  const rowNumbers = ids.rows.map((row) => String(row[0]));
  if (rowNumbers.length === 0) return { columns: [], rows: [] };
  // Row numbers come from DuckDB, not the user; checked to be digits before they are inlined.
  if (!rowNumbers.every((n) => /^\d+$/.test(n))) throw new Error('unexpected row number from DuckDB');
  return engine.query(
    `SELECT ${select} FROM ${withRowId} WHERE file_row_number IN (${rowNumbers.join(', ')}) ${orderBy}`,
  );
}

async function countRows(
  engine: DatastoreEngine,
  table: DatastoreTable,
  request: SearchRequest,
  source: string,
  select: string,
  where: Where,
): Promise<number> {
  // The loader stores the row count: an unfiltered total costs nothing.
  if (where.sql === '' && !request.distinct) return table.schema.rowCount;
  const sql = request.distinct
    ? `SELECT count(*) FROM (SELECT DISTINCT ${select} FROM ${source} ${where.sql})`
    : `SELECT count(*) FROM ${source} ${where.sql}`;
  // Keyed without the FROM source: the Parquet file and its cached copy hold the same rows.
  const key = `${request.distinct ? `DISTINCT ${select}` : 'ALL'} ${where.sql}`;
  return memoCount(engine, table.parquetPath, key, where.params, async () => {
    const result = await engine.query(sql, where.params);
    return Number(result.rows[0]?.[0] ?? 0);
  });
}

function formatRecords(
  rows: Json[][],
  fields: ExposedField[],
  format: RecordsFormat,
): Array<Record<string, Json>> | Json[][] | string {
  switch (format) {
    case 'lists':
      return rows;
    case 'csv':
      return rows.map((row) => row.map((v) => delimitedCell(v, ',')).join(',')).join('\r\n');
    case 'tsv':
      return rows.map((row) => row.map((v) => delimitedCell(v, '\t')).join('\t')).join('\r\n');
    default:
      return rows.map((row) => Object.fromEntries(fields.map((f, i) => [f.label, row[i] ?? null])));
  }
}

/** A CSV/TSV cell: quoted when it holds the delimiter, a quote or a line break. */
export function delimitedCell(value: Json, delimiter: string): string {
  if (value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r')) {
    return `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}
