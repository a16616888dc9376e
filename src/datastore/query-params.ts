/**
 * Parses and validates datastore_search parameters the way CKAN 2.10/2.11 does, with CKAN's messages
 * (natural_number_validator, OneOf, and the backend's `invalid value "..."` for unknown fields).
 * Inputs may come from a query string (all strings) or a JSON body (typed values).
 */
import { type FieldErrors, invalid } from '../platform/errors.ts';
import type { ExposedField } from './query-fields.ts';

/** CKAN's maximum rows per datastore_search call (ckan.datastore.search.rows_max). */
export const ROWS_MAX = 32000;
export const DEFAULT_LIMIT = 100;

export type RecordsFormat = 'objects' | 'lists' | 'csv' | 'tsv';
const RECORDS_FORMATS: RecordsFormat[] = ['objects', 'lists', 'csv', 'tsv'];

/** A filter value: one scalar, or a list meaning "any of". `null` matches empty cells. */
export type FilterValue = string | number | boolean | null;

/** What the caller may pass (CKAN names). */
export interface SearchInput {
  filters?: unknown;
  q?: unknown;
  plain?: unknown;
  fields?: unknown;
  sort?: unknown;
  distinct?: unknown;
  limit?: unknown;
  offset?: unknown;
  include_total?: unknown;
  records_format?: unknown;
}

/** A validated search over one table, fields resolved to the table's exposed fields. */
export interface SearchRequest {
  filters: Array<{ field: ExposedField; values: FilterValue[] }>;
  /** Whole-row terms (every term must appear somewhere in the row). */
  q: string[];
  /** Per-field terms. */
  qFields: Array<{ field: ExposedField; terms: string[] }>;
  fields: ExposedField[];
  sort: Array<{ field: ExposedField; desc: boolean; nulls: 'FIRST' | 'LAST' | null }>;
  distinct: boolean;
  limit: number;
  offset: number;
  includeTotal: boolean;
  recordsFormat: RecordsFormat;
}

/** Validates `input` against `all` fields; throws OdpError (validation) with CKAN's field messages. */
export function parseSearchInput(input: SearchInput, all: ExposedField[]): SearchRequest {
  const errors: FieldErrors = {};
  const byLabel = new Map(all.map((f) => [f.label, f]));
  const fail = (key: string, message: string): void => {
    errors[key] = [...(errors[key] ?? []), message];
  };

  const limit = naturalNumber(input.limit, DEFAULT_LIMIT, 'limit', fail);
  const offset = naturalNumber(input.offset, 0, 'offset', fail);
  const recordsFormat = input.records_format ?? 'objects';
  if (!RECORDS_FORMATS.includes(recordsFormat as RecordsFormat)) {
    fail('records_format', `Value must be one of ['objects', 'lists', 'csv', 'tsv']`);
  }

  const fields: ExposedField[] = [];
  for (const name of stringList(input.fields)) {
    const field = byLabel.get(name);
    if (field) fields.push(field);
    else if (!errors.fields) fail('fields', `invalid value "${name}"`);
  }

  const sort: SearchRequest['sort'] = [];
  for (const clause of stringList(input.sort)) {
    const parsed = parseSortClause(clause, byLabel);
    if (parsed) sort.push(parsed);
    else if (!errors.sort) fail('sort', `invalid value "${clause}"`);
  }

  const filters = parseFilters(input.filters, byLabel, fail);
  const { q, qFields } = parseQ(input.q, byLabel, fail);

  if (Object.keys(errors).length > 0) throw invalid(errors);
  return {
    filters,
    q,
    qFields,
    fields: fields.length > 0 ? fields : all,
    sort,
    distinct: bool(input.distinct, false),
    limit: Math.min(limit, ROWS_MAX),
    offset,
    includeTotal: bool(input.include_total, true),
    recordsFormat: recordsFormat as RecordsFormat,
  };
}

type Fail = (key: string, message: string) => void;

/** CKAN's natural_number_validator: an integer (int_validator) that is not negative. */
function naturalNumber(value: unknown, fallback: number, key: string, fail: Fail): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n)) {
    fail(key, 'Invalid integer');
    return fallback;
  }
  if (n < 0) {
    fail(key, 'Must be a natural number');
    return fallback;
  }
  return n;
}

/** CKAN's boolean_validator: true for true, 'true', 'yes', 'y', 't', 'on', '1'; false otherwise. */
function bool(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return ['true', 'yes', 'y', 't', 'on', '1'].includes(String(value).toLowerCase());
}

/** CKAN's get_list: a list as given, or a comma-separated string split and trimmed. */
function stringList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : String(value).split(',');
  return items.map((item) => String(item).trim()).filter((item) => item !== '');
}

const SORT_CLAUSE = /^(.+?)( +(asc|desc))?( +nulls +(first|last))? *$/i;

/** CKAN's _parse_sort_clause: `field [asc|desc] [nulls first|last]`, field optionally double-quoted. */
function parseSortClause(
  clause: string,
  byLabel: Map<string, ExposedField>,
): SearchRequest['sort'][number] | null {
  const match = SORT_CLAUSE.exec(clause);
  if (!match?.[1]) return null;
  let name = match[1];
  if (name.length > 1 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1);
  const field = byLabel.get(name);
  if (!field) return null;
  const nulls = match[5] ? (match[5].toUpperCase() as 'FIRST' | 'LAST') : null;
  return { field, desc: match[3]?.toLowerCase() === 'desc', nulls };
}

function parseJsonish(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFilters(
  raw: unknown,
  byLabel: Map<string, ExposedField>,
  fail: Fail,
): SearchRequest['filters'] {
  if (raw === undefined || raw === null || raw === '') return [];
  const value = parseJsonish(raw);
  if (!isPlainObject(value)) {
    fail('filters', 'Not a json object');
    return [];
  }
  const out: SearchRequest['filters'] = [];
  for (const [name, given] of Object.entries(value)) {
    const field = byLabel.get(name);
    const values = Array.isArray(given) ? given : [given];
    if (!field || values.some((v) => !isFilterScalar(v))) {
      fail('filters', `invalid value "${name}"`);
      return [];
    }
    out.push({ field, values: values as FilterValue[] });
  }
  return out;
}

function isFilterScalar(value: unknown): value is FilterValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Splits search text into terms on whitespace (Chinese has none, so a phrase stays one substring). */
function terms(text: string): string[] {
  return text.split(/\s+/u).filter((t) => t !== '');
}

function parseQ(
  raw: unknown,
  byLabel: Map<string, ExposedField>,
  fail: Fail,
): Pick<SearchRequest, 'q' | 'qFields'> {
  if (raw === undefined || raw === null || raw === '') return { q: [], qFields: [] };
  const value = parseJsonish(raw);
  if (!isPlainObject(value)) return { q: terms(String(raw)), qFields: [] };
  const qFields: SearchRequest['qFields'] = [];
  for (const [name, text] of Object.entries(value)) {
    const field = byLabel.get(name);
    if (!field || typeof text !== 'string') {
      fail('q', `invalid value "${name}"`);
      continue;
    }
    qFields.push({ field, terms: terms(text) });
  }
  return { q: [], qFields };
}
