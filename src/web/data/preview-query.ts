/**
 * The resource preview's data: one page of a loaded datastore table, sorted and filtered by GET parameters,
 * read through the datastore's query core (never SQL here).
 */
import type { Json } from '@duckdb/node-api';
import type { AppContext } from '../../app-context.ts';
import {
  currentTables,
  type ExposedField,
  exposedFields,
  runSearch,
  type SearchRequest,
  type TableSchema,
} from '../../datastore/index.ts';
import { isPending, type LoadState, loadStateOf } from './load-state.ts';

export const PREVIEW_ROWS = 25;

type Query = Record<string, string | string[] | undefined>;

/** The preview's GET parameters. */
export interface PreviewParams {
  /** Table name within the resource ('' = the first table). */
  table: string;
  q: string;
  filterColumn: string;
  filterValue: string;
  sort: string;
  desc: boolean;
  page: number;
  /** Numeric column to chart. */
  chart: string;
}

const one = (v: string | string[] | undefined): string =>
  (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).slice(0, 200);

/** Reads the preview's query string. */
export function parsePreviewParams(query: Query): PreviewParams {
  return {
    table: one(query.table),
    q: one(query.q).trim(),
    filterColumn: one(query.col),
    filterValue: one(query.val).trim(),
    sort: one(query.sort),
    desc: one(query.dir) === 'desc',
    page: Math.min(10_000, Math.max(1, Number.parseInt(one(query.page), 10) || 1)),
    chart: one(query.chart),
  };
}

/** One page of a table and what is needed to draw it. */
export interface PreviewData {
  state: 'ready' | 'loading' | 'not-loaded';
  /** The latest load when there is no table to show yet (status, progress, error). */
  load: LoadState | null;
  tables: string[];
  tableName: string;
  schema: TableSchema | null;
  fields: ExposedField[];
  rows: Json[][];
  total: number;
  offset: number;
}

const filterValue = (f: ExposedField, v: string): string | number =>
  (f.type === 'int' || f.type === 'numeric') && v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;

/** Loads one preview page of a resource's table (through the app's shared DuckDB engine). */
export async function previewPage(
  ctx: AppContext,
  resourceId: string,
  p: PreviewParams,
): Promise<PreviewData> {
  const tables = await currentTables(ctx.db, resourceId);
  const empty: PreviewData = {
    state: 'not-loaded',
    load: null,
    tables: [],
    tableName: '',
    schema: null,
    fields: [],
    rows: [],
    total: 0,
    offset: 0,
  };
  if (!tables.length) {
    const load = await loadStateOf(ctx.db, resourceId);
    return { ...empty, load, state: isPending(load) ? 'loading' : 'not-loaded' };
  }
  const table = tables.find((t) => t.tableName === p.table) ?? tables[0];
  if (!table) return empty;
  const all = exposedFields(table.schema);
  const byLabel = new Map(all.map((f) => [f.label, f]));
  const sortField = byLabel.get(p.sort);
  const filterField = byLabel.get(p.filterColumn);
  const offset = (p.page - 1) * PREVIEW_ROWS;
  const request: SearchRequest = {
    filters:
      filterField && p.filterValue
        ? [{ field: filterField, values: [filterValue(filterField, p.filterValue)] }]
        : [],
    q: p.q && !filterField ? p.q.split(/\s+/).filter(Boolean).slice(0, 10) : [],
    qFields: [],
    fields: all,
    sort: sortField ? [{ field: sortField, desc: p.desc, nulls: 'LAST' }] : [],
    distinct: false,
    limit: PREVIEW_ROWS,
    offset,
    includeTotal: true,
    recordsFormat: 'lists',
  };
  const result = await runSearch(
    ctx.datastore.engine,
    { parquetPath: ctx.blobs.localPath(table.parquetKey), schema: table.schema },
    request,
    all,
  );
  return {
    state: 'ready',
    load: null,
    tables: tables.map((t) => t.tableName),
    tableName: table.tableName,
    schema: table.schema,
    fields: all,
    rows: Array.isArray(result.records) ? (result.records as Json[][]) : [],
    total: result.total ?? 0,
    offset,
  };
}
