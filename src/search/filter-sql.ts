/**
 * Renders a filter tree as a SQL condition over `search_docs d`, for SQLite (FTS5 subqueries) or
 * PostgreSQL (tsvector @@ tsquery). Every value is a bound parameter.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../platform/db/database.ts';
import type { Filter, TextExpr } from './query-compile.ts';
import { toFts5, toTsquery } from './render-text.ts';

const TRUE = sql<boolean>`1 = 1`;
const FALSE = sql<boolean>`1 = 0`;

/** The condition "document matches the text expression". */
export function textMatch(dialect: Dialect, expr: TextExpr): RawBuilder<boolean> {
  return dialect === 'sqlite'
    ? sql<boolean>`d.doc in (select rowid from search_fts where search_fts match ${toFts5(expr)})`
    : sql<boolean>`d.tsv @@ ${toTsquery(expr)}::tsquery`;
}

/**
 * SQL condition for a filter. `facetsDrive` false renders exact-value filters as membership tests
 * (an `exists` probe per row) so another index (a date range) drives the plan instead.
 */
export function filterSql(dialect: Dialect, f: Filter, facetsDrive = true): RawBuilder<boolean> {
  switch (f.kind) {
    case 'all':
      return TRUE;
    case 'none':
      return FALSE;
    case 'text':
      return textMatch(dialect, f.expr);
    case 'facet': {
      const value = f.norm === null ? sql`` : sql` and norm = ${f.norm}`;
      if (!facetsDrive) {
        const v = f.norm === null ? sql`` : sql` and f.norm = ${f.norm}`;
        return sql<boolean>`exists (select 1 from search_facets f where f.field in (${sql.join(f.fields)})${v}
          and f.dataset_id = d.dataset_id)`;
      }
      return sql<boolean>`d.dataset_id in (select dataset_id from search_facets where field in (${sql.join(f.fields)})${value})`;
    }
    case 'col':
      return sql<boolean>`d.${sql.ref(f.col)} = ${f.value}`;
    case 'range': {
      const parts: RawBuilder<boolean>[] = [];
      const col = sql.ref(`d.${f.col}`);
      if (f.lo !== null)
        parts.push(f.loInc ? sql<boolean>`${col} >= ${f.lo}` : sql<boolean>`${col} > ${f.lo}`);
      if (f.hi !== null)
        parts.push(f.hiInc ? sql<boolean>`${col} <= ${f.hi}` : sql<boolean>`${col} < ${f.hi}`);
      return parts.length === 0 ? TRUE : sql<boolean>`(${sql.join(parts, sql` and `)})`;
    }
    case 'and':
      return sql<boolean>`(${sql.join(
        f.items.map((i) => filterSql(dialect, i, facetsDrive)),
        sql` and `,
      )})`;
    case 'or':
      return sql<boolean>`(${sql.join(
        f.items.map((i) => filterSql(dialect, i, facetsDrive)),
        sql` or `,
      )})`;
    case 'not':
      return sql<boolean>`not (${filterSql(dialect, f.item, facetsDrive)})`;
  }
}
