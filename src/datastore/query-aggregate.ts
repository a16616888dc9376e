/**
 * Grouped aggregates for charts: group by zero or more fields, count/sum/avg/min/max, with the same
 * filters and q as datastore_search. Output columns are named `縣市`, `count`, `sum(金額)`, ...
 */
import type { Json } from '@duckdb/node-api';
import { type FieldErrors, invalid } from '../platform/errors.ts';
import type { DatastoreEngine } from './engine.ts';
import {
  type CkanField,
  ckanValue,
  type DatastoreTable,
  type ExposedField,
  exposedFields,
  tableSource,
} from './query-fields.ts';
import { parseSearchInput } from './query-params.ts';
import { buildWhere, outputAlias } from './query-sql.ts';

export type AggregateOp = 'count' | 'sum' | 'avg' | 'min' | 'max';
const OPS: AggregateOp[] = ['count', 'sum', 'avg', 'min', 'max'];

export interface AggregateInput {
  /** Labels to group by, in order. */
  groupBy?: string[];
  /** What to compute; `field` may be omitted for count (counts rows). */
  metrics: Array<{ op: AggregateOp; field?: string }>;
  filters?: unknown;
  q?: unknown;
  /** Output column to order by, e.g. 'sum(金額) desc' or '縣市'; default: the first metric, descending. */
  sort?: string;
  /** Groups returned at most (default 100, at most 10,000). */
  limit?: number;
}

export interface AggregateResult {
  fields: CkanField[];
  records: Array<Record<string, Json>>;
  /** True when more groups existed than `limit`. */
  groups_truncated: boolean;
}

export const AGGREGATE_MAX_GROUPS = 10_000;

interface Output {
  name: string;
  sql: string;
  type: CkanField['type'];
}

/** Validates and runs an aggregate query over one table. */
export async function aggregateTable(
  engine: DatastoreEngine,
  table: DatastoreTable,
  input: AggregateInput,
): Promise<AggregateResult> {
  const all = exposedFields(table.schema);
  const byLabel = new Map(all.map((f) => [f.label, f]));
  const errors: FieldErrors = {};
  const fail = (key: string, message: string): void => {
    errors[key] = [...(errors[key] ?? []), message];
  };
  const rows = parseSearchInput({ filters: input.filters, q: input.q }, all);

  const outputs: Output[] = [];
  const groups: ExposedField[] = [];
  for (const label of input.groupBy ?? []) {
    const field = byLabel.get(label);
    if (!field) fail('group_by', `invalid value "${label}"`);
    else {
      groups.push(field);
      outputs.push({ name: field.label, sql: field.sql, type: field.type });
    }
  }
  for (const metric of input.metrics) outputs.push(...metricOutput(metric, byLabel, fail));
  if (input.metrics.length === 0) fail('metrics', 'Missing value');
  const limit = input.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1) fail('limit', 'Must be a natural number');
  const order = orderClause(input.sort, outputs, groups.length, fail);
  if (Object.keys(errors).length > 0) throw invalid(errors);

  const where = buildWhere(
    rows,
    all.filter((f) => f.columnId !== null),
  );
  const needsRowId = [...groups, ...rows.filters.map((f) => f.field)].some((f) => f.columnId === null);
  const select = outputs.map((o, i) => `${o.sql} AS ${outputAlias(i)}`).join(', ');
  const groupBy = groups.length > 0 ? `GROUP BY ${groups.map((_, i) => outputAlias(i)).join(', ')}` : '';
  const capped = Math.min(limit, AGGREGATE_MAX_GROUPS);
  const ref = { parquetPath: table.parquetPath, rowCount: table.schema.rowCount };
  const result = await engine.withTable(ref, (cached) =>
    engine.query(
      `SELECT ${select} FROM ${tableSource(table, needsRowId, cached)} ${where.sql} ${groupBy} ${order} LIMIT ${capped + 1}`,
      where.params,
    ),
  );
  const truncated = result.rows.length > capped;
  return {
    fields: outputs.map((o) => ({ id: o.name, type: o.type })),
    records: result.rows
      .slice(0, capped)
      .map((row) => Object.fromEntries(outputs.map((o, i) => [o.name, ckanValue(o.type, row[i] ?? null)]))),
    groups_truncated: truncated,
  };
}

function metricOutput(
  metric: { op: AggregateOp; field?: string },
  byLabel: Map<string, ExposedField>,
  fail: (key: string, message: string) => void,
): Output[] {
  if (!OPS.includes(metric.op)) {
    fail('metrics', `Value must be one of ['count', 'sum', 'avg', 'min', 'max']`);
    return [];
  }
  if (metric.field === undefined) {
    if (metric.op !== 'count') fail('metrics', `${metric.op} needs a field`);
    return metric.op === 'count' ? [{ name: 'count', sql: 'count(*)', type: 'int' }] : [];
  }
  const field = byLabel.get(metric.field);
  if (!field) {
    fail('metrics', `invalid value "${metric.field}"`);
    return [];
  }
  const numeric = field.type === 'int' || field.type === 'numeric';
  if ((metric.op === 'sum' || metric.op === 'avg') && !numeric) {
    fail('metrics', `${metric.op} needs a number field, "${field.label}" is ${field.type}`);
    return [];
  }
  const type: CkanField['type'] =
    metric.op === 'count'
      ? 'int'
      : metric.op === 'avg'
        ? 'numeric'
        : metric.op === 'sum'
          ? field.type
          : field.type;
  // sum of a BIGINT is a HUGEINT in DuckDB; cast back so values stay plain numbers.
  const sql =
    metric.op === 'sum' && field.type === 'int'
      ? `CAST(sum(${field.sql}) AS BIGINT)`
      : `${metric.op}(${field.sql})`;
  return [{ name: `${metric.op}(${field.label})`, sql, type }];
}

function orderClause(
  sort: string | undefined,
  outputs: Output[],
  groupCount: number,
  fail: (key: string, message: string) => void,
): string {
  if (outputs.length === 0) return '';
  if (!sort) {
    const first = Math.min(groupCount, outputs.length - 1);
    return `ORDER BY ${outputAlias(first)} DESC NULLS LAST${groupCount > 0 ? `, ${outputAlias(0)}` : ''}`;
  }
  const match = /^(.+?)( +(asc|desc))? *$/i.exec(sort.trim());
  const index = outputs.findIndex((o) => o.name === match?.[1]);
  if (!match || index < 0) {
    fail('sort', `invalid value "${sort}"`);
    return '';
  }
  return `ORDER BY ${outputAlias(index)} ${match[3]?.toLowerCase() === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`;
}
