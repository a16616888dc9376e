/**
 * Downloads of a datastore table (whole, or filtered/sorted/subset like datastore_search) as CSV, TSV,
 * JSON, XLSX or Parquet, with the column LABELS as headers. CSV/TSV/JSON stream chunk by chunk from
 * DuckDB in constant memory; Parquet is written by DuckDB to a temporary file and streamed from disk;
 * XLSX (SheetJS builds workbooks in memory) is capped, with a clear error above the cap.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Json } from '@duckdb/node-api';
import { badRequest } from '../platform/errors.ts';
import { type DatastoreEngine, sqlIdent, sqlString } from './engine.ts';
import { encodeBig5 } from './export-big5.ts';
import { csvLine, spreadsheetText, tsvLine } from './export-delimited.ts';
import { xlsxWorkbook } from './export-xlsx.ts';
import {
  ckanValue,
  type DatastoreTable,
  type ExposedField,
  exposedFields,
  tableSource,
} from './query-fields.ts';
import { parseSearchInput, type SearchInput, type SearchRequest } from './query-params.ts';
import { buildOrderBy, buildWhere, outputAlias } from './query-sql.ts';

export type ExportFormat = 'csv' | 'tsv' | 'json' | 'xlsx' | 'parquet';

export interface ExportOptions {
  format: ExportFormat;
  /** CSV/TSV only: 'utf-8' (default, with BOM so Excel detects it) or 'big5' (CP950, see export-big5.ts). */
  encoding?: 'utf-8' | 'big5';
  /** The same selection as datastore_search (filters, q, fields, sort); limit/offset are ignored. */
  selection?: Pick<SearchInput, 'filters' | 'q' | 'fields' | 'sort'>;
  /** XLSX only: most data rows allowed (default 200,000; never above Excel's 1,048,575). */
  xlsxMaxRows?: number;
}

/** Excel's row limit minus the header row. */
export const XLSX_EXCEL_MAX_ROWS = 1_048_575;

/** HTTP content type of each format. */
export function exportContentType(options: Pick<ExportOptions, 'format' | 'encoding'>): string {
  switch (options.format) {
    case 'csv':
      return `text/csv; charset=${options.encoding === 'big5' ? 'big5' : 'utf-8'}`;
    case 'tsv':
      return `text/tab-separated-values; charset=${options.encoding === 'big5' ? 'big5' : 'utf-8'}`;
    case 'json':
      return 'application/json; charset=utf-8';
    case 'xlsx':
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    default:
      return 'application/vnd.apache.parquet';
  }
}

/**
 * The export as a stream of Buffers (give it to `Readable.from` or a Fastify reply). Validation errors
 * (unknown field, XLSX too big) are thrown by the first `next()`, before any byte is produced.
 */
export async function* exportTable(
  engine: DatastoreEngine,
  table: DatastoreTable,
  options: ExportOptions,
): AsyncGenerator<Buffer, void, void> {
  const all = exposedFields(table.schema);
  const request = parseSearchInput({ ...options.selection }, all);
  // Downloads default to the data columns only; `_id` comes when asked for by name.
  const fields = options.selection?.fields
    ? request.fields
    : request.fields.filter((f) => f.columnId !== null);
  const query = selectionSql(table, { ...request, fields }, all);

  switch (options.format) {
    case 'csv':
    case 'tsv':
      yield* delimited(engine, query, fields, options);
      return;
    case 'json':
      yield* json(engine, query, fields);
      return;
    case 'xlsx': {
      const max = Math.min(options.xlsxMaxRows ?? 200_000, XLSX_EXCEL_MAX_ROWS);
      const rows = await countSelection(engine, table, query);
      if (rows > max) {
        throw badRequest(
          `XLSX downloads are limited to ${max.toLocaleString('en')} rows and this selection has ${rows.toLocaleString('en')}; download CSV instead`,
          'ODP_EXPORT_TOO_MANY_ROWS',
        );
      }
      yield await xlsxWorkbook(fields, engine.stream(query.sql, query.params), table.schema.name || 'data');
      return;
    }
    default:
      yield* parquet(engine, query, fields);
  }
}

/** Writes the export to `out` (a file, an HTTP response), respecting backpressure. */
export async function writeExport(
  engine: DatastoreEngine,
  table: DatastoreTable,
  options: ExportOptions,
  out: Writable,
): Promise<void> {
  await pipeline(exportTable(engine, table, options), out);
}

interface SelectionSql {
  sql: string;
  params: Parameters<DatastoreEngine['query']>[1];
  filtered: boolean;
}

function selectionSql(table: DatastoreTable, request: SearchRequest, all: ExposedField[]): SelectionSql {
  const where = buildWhere(
    request,
    all.filter((f) => f.columnId !== null),
  );
  const needsRowId = [
    ...request.fields,
    ...request.sort.map((s) => s.field),
    ...request.filters.map((f) => f.field),
  ].some((f) => f.columnId === null);
  const select = request.fields.map((f, i) => `${f.sql} AS ${outputAlias(i)}`).join(', ');
  const sql = `SELECT ${select} FROM ${tableSource(table, needsRowId)} ${where.sql} ${buildOrderBy(request.sort)}`;
  return { sql, params: where.params, filtered: where.sql !== '' };
}

async function countSelection(
  engine: DatastoreEngine,
  table: DatastoreTable,
  query: SelectionSql,
): Promise<number> {
  if (!query.filtered) return table.schema.rowCount;
  const result = await engine.query(`SELECT count(*) FROM (${query.sql})`, query.params);
  return Number(result.rows[0]?.[0] ?? 0);
}

async function* delimited(
  engine: DatastoreEngine,
  query: SelectionSql,
  fields: ExposedField[],
  options: ExportOptions,
): AsyncGenerator<Buffer> {
  const line = options.format === 'tsv' ? tsvLine : csvLine;
  const big5 = options.encoding === 'big5';
  const encode = (text: string): Buffer => (big5 ? encodeBig5(text) : Buffer.from(text, 'utf8'));
  const header = line(fields.map((f) => f.label));
  // The BOM tells Excel the file is UTF-8; without it Excel on Windows reads CP950 and garbles Chinese.
  yield encode(big5 ? header : `\uFEFF${header}`);
  for await (const chunk of engine.stream(query.sql, query.params)) {
    let text = '';
    for (const row of chunk)
      text += line(fields.map((f, i) => spreadsheetText(f.type, ckanValue(f.type, row[i] ?? null))));
    yield encode(text);
  }
}

async function* json(
  engine: DatastoreEngine,
  query: SelectionSql,
  fields: ExposedField[],
): AsyncGenerator<Buffer> {
  yield Buffer.from('[');
  let first = true;
  for await (const chunk of engine.stream(query.sql, query.params)) {
    const parts: string[] = [];
    for (const row of chunk) {
      const record: Record<string, Json> = {};
      fields.forEach((f, i) => {
        record[f.label] = ckanValue(f.type, row[i] ?? null);
      });
      parts.push(JSON.stringify(record));
    }
    if (parts.length === 0) continue;
    yield Buffer.from(`${first ? '\n' : ',\n'}${parts.join(',\n')}`);
    first = false;
  }
  yield Buffer.from(first ? ']\n' : '\n]\n');
}

async function* parquet(
  engine: DatastoreEngine,
  query: SelectionSql,
  fields: ExposedField[],
): AsyncGenerator<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'odp-export-'));
  const file = join(dir, 'export.parquet');
  try {
    // Columns named by label in the download; labels are quoted identifiers, the values stay bound.
    const renamed = fields.map((f, i) => `${outputAlias(i)} AS ${sqlIdent(f.label)}`).join(', ');
    await engine.withConnection((connection) =>
      connection.run(
        `COPY (SELECT ${renamed} FROM (${query.sql})) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`,
        query.params,
      ),
    );
    for await (const chunk of createReadStream(file)) yield chunk as Buffer;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
