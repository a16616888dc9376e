/**
 * /api/v1 datastore reads: a resource's tables, rows (datastore_search semantics, labels as names),
 * aggregates for charts and sandboxed SQL; exports and loads are in their own files.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import { showResource } from '../../catalog/resource-service.ts';
import {
  type AggregateOp,
  aggregateTable,
  currentTables,
  resourceLoads,
  searchTable,
} from '../../datastore/index.ts';
import { invalid } from '../../platform/errors.ts';
import { readableTable, sqlTableLookup } from './datastore-access.ts';
import { exportRoutes } from './datastore-export.ts';
import { loadRoutes } from './datastore-loads.ts';
import { presentLoad, presentTable } from './datastore-presenters.ts';
import {
  AggregateQuery,
  AggregateResponse,
  DataQuery,
  DataResponse,
  ResourceIdParams,
  SqlBody,
  SqlResponse,
  TablesResponse,
} from './datastore-schemas.ts';
import { ErrorSchema } from './schemas.ts';

const tags = ['datastore'];
const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const OPS = new Set<AggregateOp>(['count', 'sum', 'avg', 'min', 'max']);

/** `count`, `sum:金額`, ... -> a metric; a bad op is a 409 with the metric's message. */
export function parseMetric(text: string): { op: AggregateOp; field?: string } {
  const colon = text.indexOf(':');
  const op = (colon < 0 ? text : text.slice(0, colon)).trim() as AggregateOp;
  if (!OPS.has(op)) throw invalid({ metric: [`Value must be one of ['count', 'sum', 'avg', 'min', 'max']`] });
  return colon < 0 ? { op } : { op, field: text.slice(colon + 1) };
}

/** Registers every /api/v1 datastore route. */
export async function datastoreRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/resources/:id/tables',
    {
      schema: {
        tags,
        summary:
          "A resource's datastore tables: columns (labels, codes, types, notes), row counts, latest load",
        params: ResourceIdParams,
        response: { 200: TablesResponse, ...errors },
      },
    },
    async (req): Promise<Static<typeof TablesResponse>> => {
      const resource = await showResource(ctx.catalog, req.actor, (req.params as { id: string }).id);
      const [tables, loads] = await Promise.all([
        currentTables(ctx.db, resource.id),
        resourceLoads(ctx.db, resource.id),
      ]);
      return {
        resourceId: resource.id,
        datastoreActive: resource.datastoreActive,
        tables: tables.map(presentTable),
        latestLoad: loads[0] ? presentLoad(loads[0]) : null,
      };
    },
  );

  app.get(
    '/api/v1/resources/:id/data',
    {
      schema: {
        tags,
        summary:
          'Rows of a datastore table: filters, q, sort, fields, paging (CKAN datastore_search semantics)',
        params: ResourceIdParams,
        querystring: DataQuery,
        response: { 200: DataResponse, ...errors },
      },
    },
    async (req): Promise<Static<typeof DataResponse>> => {
      const q = req.query as Static<typeof DataQuery>;
      const { resource, serving, table } = await readableTable(
        ctx,
        req.actor,
        (req.params as { id: string }).id,
        q.table,
      );
      const result = await searchTable(ctx.datastore.engine, table, {
        filters: q.filters,
        q: q.q,
        sort: q.sort,
        fields: q.fields,
        limit: q.limit,
        offset: q.offset,
        include_total: q.include_total,
        distinct: q.distinct,
      });
      return {
        resourceId: resource.id,
        table: serving.tableName,
        fields: result.fields,
        records: result.records as Static<typeof DataResponse>['records'],
        ...(result.total === undefined ? {} : { total: result.total }),
        limit: result.limit,
        offset: result.offset,
      };
    },
  );

  app.get(
    '/api/v1/resources/:id/aggregate',
    {
      schema: {
        tags,
        summary: 'Grouped count/sum/avg/min/max of a datastore table, for charts',
        params: ResourceIdParams,
        querystring: AggregateQuery,
        response: { 200: AggregateResponse, ...errors },
      },
    },
    async (req): Promise<Static<typeof AggregateResponse>> => {
      const q = req.query as Static<typeof AggregateQuery>;
      const { resource, serving, table } = await readableTable(
        ctx,
        req.actor,
        (req.params as { id: string }).id,
        q.table,
      );
      const result = await aggregateTable(ctx.datastore.engine, table, {
        groupBy: q.groupBy ?? [],
        metrics: (q.metric?.length ? q.metric : ['count']).map(parseMetric),
        filters: q.filters,
        q: q.q,
        ...(q.sort ? { sort: q.sort } : {}),
        limit: q.limit ?? 100,
      });
      return {
        resourceId: resource.id,
        table: serving.tableName,
        fields: result.fields,
        records: result.records,
        groupsTruncated: result.groups_truncated,
      };
    },
  );

  const runSql = async (req: FastifyRequest, sql: string): Promise<Static<typeof SqlResponse>> => {
    const result = await ctx.datastore.sandbox.run(sql, sqlTableLookup(ctx, req.actor));
    return {
      fields: result.fields,
      records: result.records,
      recordsTruncated: result.records_truncated === true,
      sql: result.sql,
    };
  };
  const sqlSummary =
    'Run one read-only SELECT over datastore tables named by resource id ("<id>" or "<id>/<table>"); columns by label';
  app.post(
    '/api/v1/datastore/sql',
    { schema: { tags, summary: sqlSummary, body: SqlBody, response: { 200: SqlResponse, ...errors } } },
    async (req) => runSql(req, (req.body as Static<typeof SqlBody>).sql),
  );
  app.get(
    '/api/v1/datastore/sql',
    {
      schema: { tags, summary: sqlSummary, querystring: SqlBody, response: { 200: SqlResponse, ...errors } },
    },
    async (req) => runSql(req, (req.query as Static<typeof SqlBody>).sql),
  );

  await exportRoutes(app, ctx);
  await loadRoutes(app, ctx);
}
