/**
 * Checks a datastore_search_sql statement from DuckDB's own parse tree (json_serialize_sql), so the
 * check sees exactly what DuckDB will run: one SELECT, tables named only by resource id (or CTE name),
 * no table functions (read_csv, glob, duckdb_settings, ...), only allow-listed functions, no parameters,
 * no schema/catalog-qualified names (information_schema, pg_catalog, system, ...).
 */
import { invalid, type OdpError } from '../platform/errors.ts';
import { ALLOWED_FUNCTIONS } from './sql-functions.ts';

/** Table references the check found (resource ids, in order of first use). */
export interface GuardedQuery {
  tables: string[];
}

const TABLE_REFS = new Set(['BASE_TABLE', 'JOIN', 'SUBQUERY', 'EXPRESSION_LIST', 'EMPTY']);
const QUERY_NODES = new Set(['SELECT_NODE', 'SET_OPERATION_NODE', 'RECURSIVE_CTE_NODE', 'CTE_NODE']);
const EXPRESSIONS = new Set([
  'COLUMN_REF',
  'CONSTANT',
  'FUNCTION',
  'OPERATOR',
  'COMPARISON',
  'CONJUNCTION',
  'CASE',
  'CAST',
  'SUBQUERY',
  'WINDOW',
  'STAR',
  'BETWEEN',
  'COLLATE',
  'POSITIONAL_REFERENCE',
]);

/** The error every refused statement gets, keyed `query` as CKAN's datastore_search_sql does. */
export function refuse(message: string): OdpError {
  return invalid({ query: [message] }, 'ODP_SQL_REFUSED');
}

/**
 * Validates the JSON that `json_serialize_sql(sql)` returned. Throws OdpError (validation, key `query`)
 * when the statement is not allowed; returns the tables it reads.
 */
export function guardStatement(serialized: string): GuardedQuery {
  const parsed = JSON.parse(serialized) as {
    error?: boolean;
    error_type?: string;
    error_message?: string;
    statements?: unknown[];
  };
  if (parsed.error) {
    if (parsed.error_type === 'not implemented') throw refuse('Only SELECT statements are allowed');
    throw refuse(parsed.error_message ?? 'Could not parse the query');
  }
  const statements = parsed.statements ?? [];
  if (statements.length !== 1) throw refuse('Query is not a single statement.');

  const cteNames = new Set<string>();
  collectCteNames(statements[0], cteNames);
  const tables: string[] = [];
  walk(statements[0], (node) => checkNode(node, cteNames, tables));
  return { tables };
}

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Visits every object in the tree, parents first. */
function walk(value: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
    return;
  }
  if (!isNode(value)) return;
  visit(value);
  for (const child of Object.values(value)) walk(child, visit);
}

function collectCteNames(root: unknown, names: Set<string>): void {
  walk(root, (node) => {
    const map = node.cte_map;
    if (!isNode(map) || !Array.isArray(map.map)) return;
    for (const entry of map.map)
      if (isNode(entry) && typeof entry.key === 'string') names.add(entry.key.toLowerCase());
  });
}

/** Typed objects that are neither query nodes nor table references: result modifiers and sort orders. */
const MODIFIERS = new Set([
  'ORDER_MODIFIER',
  'LIMIT_MODIFIER',
  'LIMIT_PERCENT_MODIFIER',
  'DISTINCT_MODIFIER',
  'ASCENDING',
  'DESCENDING',
  'ORDER_DEFAULT',
]);

function checkNode(node: Node, cteNames: Set<string>, tables: string[]): void {
  if (typeof node.class === 'string') {
    checkExpression(node);
    return;
  }
  const type = node.type;
  if (typeof type !== 'string') return;
  if (QUERY_NODES.has(type) || MODIFIERS.has(type)) return;
  if (!TABLE_REFS.has(type)) {
    throw refuse(
      type === 'TABLE_FUNCTION' ? 'Table functions are not allowed' : `Not allowed in a query: ${type}`,
    );
  }
  if (type === 'BASE_TABLE') checkTable(node, cteNames, tables);
}

function checkTable(node: Node, cteNames: Set<string>, tables: string[]): void {
  const name = String(node.table_name ?? '');
  if (node.schema_name || node.catalog_name) throw refuse(`relation "${qualified(node)}" does not exist`);
  if (node.at_clause) throw refuse('Time travel (AT) is not allowed');
  if (cteNames.has(name.toLowerCase())) return;
  if (!tables.includes(name)) tables.push(name);
}

function qualified(node: Node): string {
  return [node.catalog_name, node.schema_name, node.table_name].filter((p) => p).join('.');
}

function checkExpression(node: Node): void {
  const cls = String(node.class);
  if (cls === 'PARAMETER') throw refuse('Query parameters are not allowed');
  if (!EXPRESSIONS.has(cls)) throw refuse(`Expression not allowed: ${cls}`);
  if (cls !== 'FUNCTION' && cls !== 'WINDOW') return;
  const name = String(node.function_name ?? '').toLowerCase();
  if (node.schema || node.catalog) {
    // DuckDB qualifies some built-ins itself (`main.list_value` for [1, 2]); anything else is refused.
    if (!(node.schema === 'main' && !node.catalog && name === 'list_value')) {
      throw refuse(`Function not allowed: ${name}`);
    }
  }
  if (!ALLOWED_FUNCTIONS.has(name)) throw refuse(`Function not allowed: ${name}`);
}
