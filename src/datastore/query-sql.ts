/**
 * Builds the SQL of a datastore search. Every user value is a bound parameter; identifiers come from
 * the schema (ExposedField.sql), never from user text.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { invalid } from '../platform/errors.ts';
import { sqlIdent } from './engine.ts';
import type { CkanFieldType, ExposedField } from './query-fields.ts';
import type { FilterValue } from './query-params.ts';

/** A WHERE clause (possibly empty) and its parameters, numbered from 1. */
export interface Where {
  sql: string;
  params: DuckDBValue[];
}

/** What restricts rows: equality filters and search terms. */
export interface RowConditions {
  filters: Array<{ field: ExposedField; values: FilterValue[] }>;
  /** Terms that must each appear in some field of the row. */
  q: string[];
  qFields: Array<{ field: ExposedField; terms: string[] }>;
}

const SQL_TYPE: Record<CkanFieldType, string> = {
  text: 'VARCHAR',
  int: 'BIGINT',
  numeric: 'DOUBLE',
  bool: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

const VALUE_SHAPE: Partial<Record<CkanFieldType, RegExp>> = {
  int: /^[-+]?\d+$/,
  numeric: /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/,
  bool: /^(true|false|t|f|yes|no|1|0)$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
  timestamp: /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/,
};

/** Builds `WHERE ...` for `conditions`; `allFields` are searched by whole-row `q`. */
export function buildWhere(conditions: RowConditions, allFields: ExposedField[]): Where {
  const clauses: string[] = [];
  const params: DuckDBValue[] = [];
  const bind = (value: DuckDBValue): string => {
    params.push(value);
    return `$${params.length}`;
  };

  for (const { field, values } of conditions.filters) {
    const parts: string[] = [];
    const nonNull = values.filter((v): v is string | number | boolean => v !== null);
    if (nonNull.length < values.length) parts.push(`${field.sql} IS NULL`);
    if (nonNull.length > 0) {
      const cast = SQL_TYPE[field.type];
      const list = nonNull.map((v) => `CAST(${bind(filterText(field, v))} AS ${cast})`);
      parts.push(list.length === 1 ? `${field.sql} = ${list[0]}` : `${field.sql} IN (${list.join(', ')})`);
    }
    clauses.push(parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`);
  }

  // Substring match, case-insensitive (CJK-safe: no tokenizer to split 臺北市 wrongly). A whole-row term
  // must appear in some field's text; terms hold no whitespace, so no match can span two fields and
  // testing field by field equals testing the fields joined by spaces, while skipping fields whose type
  // cannot hold the term (a CJK term never scans number or date columns).
  // A term is bound once, and only when some field can hold it (DuckDB refuses unused parameters).
  const bindOnce = (term: string): (() => string) => {
    let param: string | null = null;
    return () => {
      param ??= bind(term);
      return param;
    };
  };
  for (const term of conditions.q) {
    const param = bindOnce(term);
    const matches = allFields.map((f) => termMatch(f, term, param)).filter((m) => m !== null);
    clauses.push(matches.length === 0 ? 'false' : `(${matches.join(' OR ')})`);
  }
  for (const { field, terms } of conditions.qFields) {
    for (const term of terms) clauses.push(termMatch(field, term, bindOnce(term)) ?? 'false');
  }

  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** What the text of a non-text value (DuckDB's CAST to VARCHAR, lowercased) can be made of. */
const VALUE_TEXT: Record<Exclude<CkanFieldType, 'text'>, RegExp> = {
  int: /^[-+0-9]+$/,
  // DECIMAL or DOUBLE: 12.5, -1e+20, inf, nan.
  numeric: /^[-+0-9.a-z]+$/,
  bool: /^[a-z]+$/,
  // 2024-01-05, infinity, 0044-03-15 (BC).
  date: /^[-+0-9a-z()]+$/,
  timestamp: /^[-+0-9a-z().:]+$/,
};

/**
 * SQL true when `field`'s text contains `term` (bound by `param()`), ignoring case; null when the field's
 * type cannot hold the term. A term without cased letters (Chinese, digits) skips lower() on the column,
 * which costs more than the match itself.
 */
function termMatch(field: ExposedField, term: string, param: () => string): string | null {
  if (field.type !== 'text' && !VALUE_TEXT[field.type].test(term.toLowerCase())) return null;
  const text = field.type === 'text' ? field.sql : `CAST(${field.sql} AS VARCHAR)`;
  return uncased(term) ? `contains(${text}, ${param()})` : `contains(lower(${text}), lower(${param()}))`;
}

/**
 * True when lower-casing can neither change `term` nor produce it from other text: no character has a
 * case mapping either way, and none is a combining mark (lower('İ') ends in U+0307).
 */
function uncased(term: string): boolean {
  for (const ch of term) {
    if (ch.toLowerCase() !== ch || ch.toUpperCase() !== ch || /\p{M}/u.test(ch)) return false;
  }
  return true;
}

/** The filter value as text, checked against the field type so a bad value is a 409, not a 500. */
function filterText(field: ExposedField, value: string | number | boolean): string {
  const text = String(value).trim();
  const shape = VALUE_SHAPE[field.type];
  if (field.type === 'text') return String(value);
  if (!shape?.test(text)) {
    throw invalid({
      filters: [`invalid value "${field.label}": "${String(value)}" is not a valid ${field.type}`],
    });
  }
  if (field.type === 'bool') return ['true', 't', 'yes', '1'].includes(text.toLowerCase()) ? 'true' : 'false';
  return text;
}

/** `ORDER BY ...` for sort clauses, or '' when there are none. */
export function buildOrderBy(
  sort: Array<{ field: ExposedField; desc: boolean; nulls: 'FIRST' | 'LAST' | null }>,
  output?: Map<ExposedField, string>,
): string {
  if (sort.length === 0) return '';
  const items = sort.map(({ field, desc, nulls }) => {
    // With DISTINCT the ORDER BY must name output columns, so the caller passes their aliases.
    const target = output?.get(field) ?? field.sql;
    return `${target} ${desc ? 'DESC' : 'ASC'}${nulls ? ` NULLS ${nulls}` : ''}`;
  });
  return `ORDER BY ${items.join(', ')}`;
}

/** Positional output alias for the i-th selected field (labels never become SQL identifiers). */
export function outputAlias(index: number): string {
  return sqlIdent(`f${index}`);
}
