/**
 * CKAN datastore reads over ODP's Parquet tables: datastore_search, datastore_info, datastore_search_sql,
 * answering like CKAN 2.10/2.11 (result keys, `_links`, validation messages). Columns are named by label.
 */
import type { FastifyRequest } from 'fastify';
import { readableTable, sqlTableLookup } from '../../../api/v1/datastore-access.ts';
import { exposedFields, searchTable } from '../../../datastore/index.ts';
import { OdpError } from '../../../platform/errors.ts';
import type { ActionCall, ActionTable } from '../action-types.ts';
import { optString, required } from '../params.ts';
import { datastoreParams } from './datastore-params.ts';
import { datastoreWriteActions } from './datastore-write-actions.ts';

const SEARCH_KEYS = new Set([
  'resource_id',
  'q',
  'plain',
  'filters',
  'language',
  'limit',
  'offset',
  'fields',
  'sort',
  'distinct',
  'include_total',
  'total_estimation_threshold',
  'records_format',
  'full_text',
  // ODP: which table of a multi-table resource (a workbook's sheet); default the first.
  'table',
]);

/** The table the actor may read, with CKAN's not-found message for unknown resources and unloaded ones. */
export async function datastoreTable(call: ActionCall, resourceId: string, table?: string) {
  try {
    return await readableTable(call.ctx, call.actor, resourceId, table);
  } catch (err) {
    if (err instanceof OdpError && err.code === 'ODP_RESOURCE_NOT_FOUND') {
      throw new OdpError('not_found', 'ODP_DATASTORE_NOT_FOUND', `Resource "${resourceId}" was not found.`);
    }
    throw err;
  }
}

/** CKAN's _insert_links: start and next (and prev) from the request URL, offset replaced. */
export function searchLinks(req: FastifyRequest, offset: number, limit: number): Record<string, string> {
  const url = new URL(req.url, 'http://ckan.invalid');
  const args = req.method === 'GET' ? url.searchParams : new URLSearchParams();
  const withOffset = (value: number | null): string => {
    const p = new URLSearchParams(args);
    if (value === null) p.delete('offset');
    else p.set('offset', String(value));
    const qs = p.toString();
    return `${url.pathname}${qs ? `?${qs}` : ''}`;
  };
  const links: Record<string, string> = { start: withOffset(null), next: withOffset(offset + limit) };
  if (offset - limit > 0) links.prev = withOffset(offset - limit);
  return links;
}

function parsedFilters(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

async function datastoreSearch(call: ActionCall): Promise<Record<string, unknown>> {
  const data = datastoreParams(call.data, SEARCH_KEYS);
  const resourceId = required(data, 'resource_id');
  const tableName = optString(data, 'table');
  const { resource, table } = await datastoreTable(call, resourceId, tableName);
  const result = await searchTable(call.ctx.datastore.engine, table, {
    filters: data.filters,
    q: data.q,
    plain: data.plain,
    fields: data.fields,
    sort: data.sort,
    distinct: data.distinct,
    limit: data.limit,
    offset: data.offset,
    include_total: data.include_total,
    records_format: data.records_format,
  });
  const out: Record<string, unknown> = {
    include_total: result.total !== undefined,
    limit: result.limit,
    records_format: result.records_format,
    resource_id: resource.id,
    total_estimation_threshold: data.total_estimation_threshold ?? null,
  };
  for (const key of ['q', 'plain', 'language', 'sort', 'distinct', 'full_text', 'table']) {
    if (data[key] !== undefined) out[key] = data[key];
  }
  if (data.filters !== undefined) out.filters = parsedFilters(data.filters);
  if (data.offset !== undefined && data.offset !== '') out.offset = result.offset;
  out.records = result.records;
  out.fields = result.fields;
  out._links = searchLinks(call.req, result.offset, result.limit);
  if (result.total !== undefined) {
    out.total = result.total;
    out.total_was_estimated = false;
  }
  return out;
}

const NATIVE_TYPE = {
  text: 'VARCHAR',
  int: 'BIGINT',
  numeric: 'DOUBLE',
  bool: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

async function datastoreInfo(call: ActionCall): Promise<Record<string, unknown>> {
  const data = datastoreParams(call.data, new Set(['resource_id', 'table']));
  const resourceId = required(data, 'resource_id');
  const { resource, serving, all } = await datastoreTable(call, resourceId, optString(data, 'table'));
  const primaryKey = new Set((serving.schema as { primaryKey?: string[] }).primaryKey ?? []);
  const size = await call.ctx.blobs.size(serving.parquetKey);
  return {
    meta: {
      id: resource.id,
      count: serving.rowCount,
      table_type: 'BASE TABLE',
      aliases: [],
      size,
      // ODP: the tables of a multi-table resource, this table's name, version and source format.
      tables: all.map((t) => t.tableName),
      table: serving.tableName,
      version: serving.version,
      format: serving.schema.format,
      encoding: serving.schema.encoding,
      notes: serving.schema.notes,
    },
    fields: exposedFields(serving.schema)
      .filter((f) => f.columnId !== null)
      .map((f) => ({
        id: f.label,
        type: f.type,
        ...(f.info ? { info: f.info } : {}),
        schema: {
          native_type: NATIVE_TYPE[f.type],
          notnull: false,
          is_index: false,
          uniquekey: primaryKey.has(f.columnId as string),
        },
      })),
  };
}

/** Datastore actions by CKAN name (reads here, writes in datastore-write-actions.ts). */
export const datastoreActions: ActionTable = {
  datastore_search: {
    sideEffectFree: true,
    doc: 'Search a DataStore resource (fields named by column label).\n\n:param resource_id: id of the resource\n:param filters: {"label": value or [values]} (optional)\n:param q: text every row must contain, or {"label": text} (optional)\n:param fields: labels to return (optional)\n:param sort: "label desc, other" (optional)\n:param distinct: (optional)\n:param limit: default 100, at most 32000 (optional)\n:param offset: (optional)\n:param include_total: default true (optional)\n:param records_format: objects, lists, csv or tsv (optional)\n:param table: ODP: the table of a multi-table resource (optional)\n:rtype: dictionary',
    run: datastoreSearch,
  },
  datastore_info: {
    sideEffectFree: true,
    doc: 'Return the fields (label, type, info) and the row count of a DataStore resource.\n\n:param id: id of the resource\n:rtype: dictionary',
    run: datastoreInfo,
  },
  datastore_search_sql: {
    sideEffectFree: true,
    doc: 'Run one read-only SELECT over DataStore tables named by resource id ("<id>"), columns by label. Tables the caller may not read do not exist for them.\n\n:param sql: a single SQL select statement\n:rtype: dictionary',
    run: async (call) => {
      const data = datastoreParams(call.data, new Set(['sql']));
      const sql = required(data, 'sql');
      return call.ctx.datastore.sandbox.run(sql, sqlTableLookup(call.ctx, call.actor));
    },
  },
  ...datastoreWriteActions,
};
