/**
 * CKAN datastore_create/upsert inputs: `fields` (with CKAN's type names and guessing) and `records`
 * (objects keyed by field id = column label), validated with CKAN's messages.
 */
import type { ColumnSchema, ColumnType } from '../../../datastore/index.ts';
import { exposedFields } from '../../../datastore/index.ts';
import { type FieldErrors, invalid } from '../../../platform/errors.ts';
import type { WritableSchema } from './datastore-version.ts';

/** Records accepted per call (CKAN has no fixed cap; the request body limit bounds it as well). */
export const MAX_RECORDS = 100_000;
/** Columns a table may have. */
export const MAX_COLUMNS = 1000;

const TYPE_NAMES: Record<string, ColumnType> = {
  text: 'text',
  varchar: 'text',
  char: 'text',
  citext: 'text',
  json: 'text',
  nested: 'text',
  int: 'integer',
  int2: 'integer',
  int4: 'integer',
  int8: 'integer',
  integer: 'integer',
  bigint: 'integer',
  smallint: 'integer',
  numeric: 'decimal',
  decimal: 'decimal',
  float: 'decimal',
  float4: 'decimal',
  float8: 'decimal',
  real: 'decimal',
  double: 'decimal',
  'double precision': 'decimal',
  number: 'decimal',
  bool: 'boolean',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  timestamptz: 'timestamp',
  datetime: 'timestamp',
};

/** A field as datastore_create receives it. */
export interface FieldDef {
  id: string;
  type: ColumnType;
  /** CKAN's data dictionary `info` (notes kept as the column note). */
  info?: Record<string, string>;
}

const fail = (key: string, message: string): never => {
  const errors: FieldErrors = { [key]: [message] };
  throw invalid(errors);
};

const isDict = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** CKAN's _guess_type on one value, mapped to the datastore's column types. */
export function guessType(value: unknown): ColumnType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'decimal';
  if (typeof value !== 'string') return 'text';
  const t = value.trim();
  if (/^[-+]?\d{1,18}$/.test(t)) return 'integer';
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return 'decimal';
  if (/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(t)) return 'timestamp';
  return 'text';
}

/** CKAN's _is_valid_field_name: not empty, no leading `_`, no double quote, not only spaces. */
function validFieldName(name: string): boolean {
  return name.trim() !== '' && !name.startsWith('_') && !name.includes('"') && name.length <= 500;
}

/** Reads `fields` ([{id, type?, info?}]); types not given are guessed from the first record. */
export function readFieldDefs(raw: unknown, firstRecord: Record<string, unknown> | undefined): FieldDef[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return fail('fields', 'Not a list');
  const out: FieldDef[] = [];
  for (const f of raw) {
    if (!isDict(f) || typeof f.id !== 'string' || f.id === '') return fail('fields', 'Missing value');
    if (!validFieldName(f.id)) return fail('fields', `"${f.id}" is not a valid field name`);
    if (out.some((x) => x.id === f.id)) return fail('fields', `field "${f.id}" is duplicated`);
    let type: ColumnType | undefined;
    if (f.type !== undefined && f.type !== null && f.type !== '') {
      type = TYPE_NAMES[String(f.type).toLowerCase()];
      if (!type) return fail('fields', `"${String(f.type)}" is not a valid field type`);
    } else if (firstRecord && f.id in firstRecord) type = guessType(firstRecord[f.id]);
    else return fail('fields', `"${f.id}" type not guessable`);
    const info = isDict(f.info)
      ? Object.fromEntries(Object.entries(f.info).map(([k, v]) => [k, String(v)]))
      : undefined;
    out.push({ id: f.id, type, ...(info ? { info } : {}) });
  }
  return out;
}

/** Reads `records`: a list of objects; CKAN's `row "N" is not a json object`. */
export function readRecords(raw: unknown): Array<Record<string, unknown>> {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return fail('records', 'Not a list');
  if (raw.length > MAX_RECORDS) return fail('records', `At most ${MAX_RECORDS} records per call`);
  raw.forEach((r, i) => {
    if (!isDict(r)) fail('records', `row "${i + 1}" is not a json object`);
  });
  return raw as Array<Record<string, unknown>>;
}

/** The field id (label) -> column id map of a table, without `_id`. */
export function labelsOf(schema: WritableSchema): Map<string, string> {
  return new Map(
    exposedFields(schema)
      .filter((f) => f.columnId !== null)
      .map((f) => [f.label, f.columnId as string]),
  );
}

/**
 * The schema after adding `defs` (new fields) and the first record's unknown keys (guessed), as CKAN's
 * create_table/alter_table do. A field that exists keeps its type; changing it is refused.
 */
export function extendSchema(
  schema: WritableSchema,
  defs: FieldDef[],
  firstRecord: Record<string, unknown> | undefined,
): WritableSchema {
  const labels = labelsOf(schema);
  const columns: ColumnSchema[] = [...schema.columns];
  const taken = new Set(columns.map((c) => c.id));
  const add = (def: FieldDef): void => {
    let n = columns.length + 1;
    while (taken.has(`c${n}`)) n += 1;
    const id = `c${n}`;
    taken.add(id);
    labels.set(def.id, id);
    columns.push({
      id,
      label: def.id,
      code: '',
      type: def.type,
      derivedFrom: null,
      note: def.info?.notes ?? '',
    });
  };
  for (const def of defs) {
    const existing = labels.get(def.id);
    if (existing === undefined) add(def);
    else if (columns.find((c) => c.id === existing)?.type !== def.type)
      fail('fields', `The type of field "${def.id}" cannot be changed`);
  }
  for (const [key, value] of Object.entries(firstRecord ?? {})) {
    if (key !== '_id' && !labels.has(key)) {
      if (!validFieldName(key)) fail('fields', `"${key}" is not a valid field name`);
      add({ id: key, type: guessType(value) });
    }
  }
  if (columns.length > MAX_COLUMNS) fail('fields', `A table may have at most ${MAX_COLUMNS} fields`);
  return { ...schema, columns };
}

/** Checks every record names only known fields (CKAN: `row "N" has extra keys "a, b"`); `_id` is ignored. */
export function checkRecordKeys(records: Array<Record<string, unknown>>, schema: WritableSchema): void {
  const labels = labelsOf(schema);
  records.forEach((r, i) => {
    const extra = Object.keys(r).filter((k) => k !== '_id' && !labels.has(k));
    if (extra.length > 0) fail('records', `row "${i + 1}" has extra keys "${extra.join(', ')}"`);
  });
}

/** The text DuckDB casts a record value from (null stays null; lists and objects become JSON text). */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A blank schema for a table created by datastore_create. */
export function blankSchema(): WritableSchema {
  return {
    name: '',
    columns: [],
    rowCount: 0,
    notes: [],
    subtotalColumn: null,
    encoding: '',
    format: 'json',
  };
}
