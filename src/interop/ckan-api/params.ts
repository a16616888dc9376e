import { type FieldErrors, invalid } from '../../platform/errors.ts';
import type { DataDict } from './action-types.ts';

/**
 * Readers for data_dict values with CKAN's validator messages. GET parameters arrive as strings
 * (a repeated key as a list); JSON bodies carry real types; both are accepted.
 */

const fail = (field: string, message: string): never => {
  const errors: FieldErrors = { [field]: [message] };
  throw invalid(errors);
};

/** CKAN's get_or_bust: a required value, `Missing value` when absent or empty. */
export function required(data: DataDict, field: string): string {
  const v = data[field];
  if (v === undefined || v === null || v === '') return fail(field, 'Missing value');
  if (Array.isArray(v)) return fail(field, 'Missing value');
  return String(v);
}

/** An optional string (first element of a list); undefined when absent. */
export function optString(data: DataDict, field: string): string | undefined {
  const v = data[field];
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length ? String(v[0]) : undefined;
  if (typeof v === 'object') return fail(field, 'Must be a string');
  return String(v);
}

/** CKAN's int_validator then natural_number_validator: `Invalid integer`, `Must be a natural number`. */
export function optNatural(data: DataDict, field: string): number | undefined {
  const v = data[field];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isInteger(n) || (typeof v === 'string' && !/^\s*-?\d+\s*$/.test(v))) {
    return fail(field, 'Invalid integer');
  }
  if (n < 0) return fail(field, 'Must be a natural number');
  return n;
}

/** CKAN's boolean_validator: true for true, "true", "yes", "1", "on" (any case); false otherwise. */
export function optBool(data: DataDict, field: string): boolean | undefined {
  const v = data[field];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  return ['true', 'yes', '1', 'on', 't', 'y'].includes(String(v).toLowerCase());
}

/** A list given as a JSON list, a JSON-encoded list in a string, repeated GET keys, or a comma-free single value. */
export function optList(data: DataDict, field: string): string[] | undefined {
  const v = data[field];
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') {
    const t = v.trim();
    if (t.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(t);
        if (Array.isArray(parsed)) return parsed.map(String);
      } catch {
        return fail(field, 'Invalid JSON list');
      }
    }
    return [v];
  }
  return fail(field, 'Must be a list');
}
