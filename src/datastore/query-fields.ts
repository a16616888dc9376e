/**
 * The fields a datastore table shows its users: CKAN's `_id` plus one per column, named by the column
 * LABEL (Chinese kept). Users only ever name labels; SQL only ever names the schema's safe ids.
 */
import type { Json } from '@duckdb/node-api';
import { sqlIdent, sqlString } from './engine.ts';
import type { ColumnType, TableSchema } from './table-schema.ts';

/** CKAN's datastore field types. */
export type CkanFieldType = 'text' | 'int' | 'numeric' | 'bool' | 'date' | 'timestamp';

/** A field as CKAN's datastore_search returns it in `fields`. */
export interface CkanField {
  id: string;
  type: CkanFieldType;
  info?: Record<string, string>;
}

/** One user-visible field and the SQL expression behind it. */
export interface ExposedField {
  /** The name users see and write: the column label (made unique), or `_id`. */
  label: string;
  type: CkanFieldType;
  /** SQL over the table source; built from schema ids only, never from user text. */
  sql: string;
  /** The schema column id, or null for `_id`. */
  columnId: string | null;
  info?: Record<string, string>;
}

/** One Parquet table: where it is and what it holds. */
export interface DatastoreTable {
  parquetPath: string;
  schema: TableSchema;
}

const ckanTypeOf: Record<ColumnType, CkanFieldType> = {
  text: 'text',
  integer: 'int',
  decimal: 'numeric',
  boolean: 'bool',
  date: 'date',
  timestamp: 'timestamp',
};

/** The row number DuckDB gives each Parquet row (0-based) becomes CKAN's 1-based `_id`. */
const ROW_ID_SQL = '(file_row_number + 1)';

/** The fields of a table in order: `_id` first, then every column by its (deduplicated) label. */
export function exposedFields(schema: TableSchema): ExposedField[] {
  const out: ExposedField[] = [{ label: '_id', type: 'int', sql: ROW_ID_SQL, columnId: null }];
  const taken = new Set<string>(['_id']);
  for (const column of schema.columns) {
    const base = column.label.trim() === '' ? column.id : column.label;
    let label = base;
    // Two columns may carry the same header text; the later ones get a numbered suffix so each is addressable.
    for (let n = 2; taken.has(label); n += 1) label = `${base}_${n}`;
    taken.add(label);
    const info: Record<string, string> = {};
    if (column.code) info.code = column.code;
    if (column.note) info.notes = column.note;
    if (column.derivedFrom) info.derived_from = column.derivedFrom;
    out.push({
      label,
      type: ckanTypeOf[column.type],
      sql: sqlIdent(column.id),
      columnId: column.id,
      ...(Object.keys(info).length > 0 ? { info } : {}),
    });
  }
  return out;
}

/**
 * The FROM source for a table; `withRowId` adds the row number column that `_id` needs. `cached` is the
 * engine's copy of the table (DatastoreEngine.withTable), which always has that column.
 */
export function tableSource(table: DatastoreTable, withRowId: boolean, cached: string | null = null): string {
  if (cached) return cached;
  const path = sqlString(table.parquetPath);
  return withRowId ? `read_parquet(${path}, file_row_number = true)` : `read_parquet(${path})`;
}

/** CKAN's `fields` entry for an exposed field. */
export function ckanField(field: ExposedField): CkanField {
  return { id: field.label, type: field.type, ...(field.info ? { info: field.info } : {}) };
}

/** A record value as CKAN returns it: numbers as numbers (when exact), timestamps ISO with `T`. */
export function ckanValue(type: CkanFieldType, value: Json): Json {
  if (value === null) return null;
  switch (type) {
    case 'int': {
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : String(value);
    }
    case 'numeric':
      return typeof value === 'number' ? value : Number(value);
    case 'timestamp':
      return typeof value === 'string' ? value.replace(' ', 'T') : value;
    default:
      return value;
  }
}
