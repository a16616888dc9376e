/** TypeBox schemas of the /api/v1 datastore routes (requests and responses; OpenAPI shows them). */
import { Type } from 'typebox';

const Str = Type.String();
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** Any JSON value a record cell may hold. */
const Cell = Type.Unknown();

export const ResourceIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

export const FieldSchema = Type.Object({
  id: Type.String({ description: 'The column label (the name to use in filters, sort and fields)' }),
  type: Type.Union([
    Type.Literal('text'),
    Type.Literal('int'),
    Type.Literal('numeric'),
    Type.Literal('bool'),
    Type.Literal('date'),
    Type.Literal('timestamp'),
  ]),
  info: Type.Optional(Type.Record(Str, Str, { description: 'code, notes, derived_from when known' })),
});

export const ColumnSchema = Type.Object({
  id: Type.String({ description: 'Internal column id (ASCII)' }),
  label: Str,
  code: Type.String({ description: 'Second header row code (e.g. English name), or empty' }),
  type: Type.Union([
    Type.Literal('text'),
    Type.Literal('integer'),
    Type.Literal('decimal'),
    Type.Literal('boolean'),
    Type.Literal('date'),
    Type.Literal('timestamp'),
  ]),
  note: Type.String({ description: "How values were written: 'percent', 'roc-date', ..." }),
  derivedFrom: Type.Union([Str, Type.Null()]),
});

export const TableInfoSchema = Type.Object({
  name: Type.String({ description: "Table name within the resource ('' for a single table)" }),
  version: Type.Integer(),
  rowCount: Type.Integer(),
  format: Str,
  encoding: Str,
  columns: Type.Array(ColumnSchema),
  fields: Type.Array(FieldSchema, { description: 'The fields as datastore_search names them (_id first)' }),
  notes: Type.Array(Str, { description: 'Footnote rows moved out of the data' }),
  titles: Type.Array(Str),
});

export const LoadSchema = Type.Object({
  id: Str,
  version: Type.Integer(),
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('failed'),
  ]),
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  error: Nullable(Str),
  findings: Type.Array(Type.Object({ code: Str, message: Str })),
  attempts: Type.Integer(),
  created: Str,
  started: Nullable(Str),
  finished: Nullable(Str),
});

export const JobSchema = Type.Object({
  id: Str,
  status: Str,
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  lastError: Nullable(Str),
  runAt: Str,
  createdAt: Str,
  finishedAt: Nullable(Str),
});

export const TablesResponse = Type.Object({
  resourceId: Str,
  datastoreActive: Type.Boolean(),
  tables: Type.Array(TableInfoSchema),
  latestLoad: Type.Union([LoadSchema, Type.Null()]),
});

export const LoadsResponse = Type.Object({
  resourceId: Str,
  job: Type.Union([JobSchema, Type.Null()], {
    description: 'The latest load job (queued jobs have no load yet)',
  }),
  loads: Type.Array(LoadSchema, { description: 'Newest first' }),
});

const TableQuery = {
  table: Type.Optional(Type.String({ maxLength: 500, description: 'Table name; default the first' })),
};
const Selection = {
  filters: Type.Optional(
    Type.String({ maxLength: 20_000, description: 'JSON object: {"縣市": "臺東縣"} or lists' }),
  ),
  q: Type.Optional(
    Type.String({ maxLength: 2000, description: 'Text every row must contain (or a JSON object per field)' }),
  ),
  sort: Type.Optional(Type.String({ maxLength: 2000, description: '"label desc, other"' })),
  fields: Type.Optional(Type.String({ maxLength: 20_000, description: 'Comma-separated labels' })),
};

export const DataQuery = Type.Object({
  ...TableQuery,
  ...Selection,
  limit: Type.Optional(Type.Integer({ minimum: 0, description: 'Default 100, at most 32000' })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  include_total: Type.Optional(Type.Boolean({ default: true })),
  distinct: Type.Optional(Type.Boolean()),
});

export const DataResponse = Type.Object({
  resourceId: Str,
  table: Str,
  fields: Type.Array(FieldSchema),
  records: Type.Array(Type.Record(Str, Cell), { description: 'Objects keyed by label' }),
  total: Type.Optional(Type.Integer()),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const AggregateQuery = Type.Object({
  ...TableQuery,
  filters: Selection.filters,
  q: Selection.q,
  groupBy: Type.Optional(
    Type.Array(Type.String({ maxLength: 500 }), {
      maxItems: 5,
      description: 'Labels (repeat the parameter)',
    }),
  ),
  metric: Type.Optional(
    Type.Array(Type.String({ maxLength: 500 }), {
      maxItems: 10,
      description: 'count, sum:label, avg:label, min:label, max:label (repeat the parameter); default count',
    }),
  ),
  sort: Type.Optional(Type.String({ maxLength: 600, description: "Output column, e.g. 'sum(金額) desc'" })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 100 })),
});

export const AggregateResponse = Type.Object({
  resourceId: Str,
  table: Str,
  fields: Type.Array(FieldSchema),
  records: Type.Array(Type.Record(Str, Cell)),
  groupsTruncated: Type.Boolean(),
});

export const SqlBody = Type.Object({ sql: Type.String({ minLength: 1, maxLength: 50_000 }) });

export const SqlResponse = Type.Object({
  fields: Type.Array(FieldSchema),
  records: Type.Array(Type.Record(Str, Cell)),
  recordsTruncated: Type.Boolean(),
  sql: Type.String({ description: 'The statement that ran (re-generated from the checked parse tree)' }),
});

export const ExportParams = Type.Object({
  id: ResourceIdParams.properties.id,
  format: Type.Union([
    Type.Literal('csv'),
    Type.Literal('tsv'),
    Type.Literal('json'),
    Type.Literal('xlsx'),
    Type.Literal('parquet'),
  ]),
});

export const ExportQuery = Type.Object({
  ...TableQuery,
  ...Selection,
  encoding: Type.Optional(
    Type.Union([Type.Literal('utf-8'), Type.Literal('big5')], { description: 'CSV/TSV only' }),
  ),
});
