import type { ColumnStats } from './column-stats.ts';
import type { ColumnSchema } from './table-schema.ts';
import { SPACE_CHARS } from './utf8-text.ts';
import {
  SHAPE_BOOL,
  SHAPE_COMPACT_DATE,
  SHAPE_DATE,
  SHAPE_DATETIME,
  SHAPE_DEC,
  SHAPE_GREGORIAN,
  SHAPE_INT,
  SHAPE_PCT,
  SHAPE_THOUSANDS,
  SHAPE_ZERO,
} from './value-shape.ts';

/** Whitespace trimmed before reading a number/date: the streaming pass's own SPACE_CHARS. */
const trimmed = (col: string): string => `trim(${col}, '${SPACE_CHARS}')`;
const isDash = (col: string): string => `${trimmed(col)} IN ('-', '－')`;

/** Bare-digit dates (1080630) are trusted only under a label that says date/time, so codes stay codes. */
const DATE_LABEL = /日|年|期|時間|date|time|day/i;

/** A column of the output with the SQL that produces it from the all-VARCHAR normalized CSV. */
export interface OutputColumn {
  schema: ColumnSchema;
  sql: string;
  /**
   * The CSV reader parses this source column as the number type itself (its cells, every one checked, are
   * plain numbers: no spaces, separators, percent signs or dashes), instead of a string then cast by `sql`.
   */
  read?: 'BIGINT' | 'DOUBLE';
}

/** What a numeric column's cells carry besides digits, so the SQL only strips what is there. */
interface NumberForm {
  padded: boolean;
  thousands: boolean;
  percent: boolean;
}

/**
 * The cast of a numeric column. Trim and replace run per value and cost as much as the Parquet write, so
 * each is applied only when some cell of the column needs it (the statistics saw every cell).
 */
function numericSql(
  col: string,
  cast: 'BIGINT' | 'DOUBLE',
  dashValue: string | null,
  form: NumberForm,
): string {
  let v = form.padded ? trimmed(col) : col;
  if (form.thousands) v = `replace(${v}, ',', '')`;
  if (form.percent) v = `replace(${v}, '%', '')`;
  const clean = `CAST(NULLIF(${v}, '') AS ${cast})`;
  const dash = form.padded ? isDash(col) : `${col} IN ('-', '－')`;
  return dashValue === null ? clean : `CASE WHEN ${dash} THEN ${dashValue} ELSE ${clean} END`;
}

/**
 * Decides each column's type from its statistics over the whole file and returns the output columns:
 * the source columns (typed), an ISO date/timestamp column after each ROC/Gregorian date column, and
 * optionally a section column (first) and a subtotal flag column (last).
 */
export function outputColumns(
  labels: readonly string[],
  codes: readonly string[],
  stats: ColumnStats,
  sectioned: boolean,
): { columns: OutputColumn[]; subtotalColumn: string | null } {
  const out: OutputColumn[] = [];
  const n = labels.length;
  if (sectioned) {
    const id = `c${n + 1}`;
    out.push({
      schema: {
        id,
        label: '分組',
        code: 'section',
        type: 'text',
        derivedFrom: null,
        note: 'section-heading',
      },
      sql: `"${id}"`,
    });
  }
  const subtotalSources: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `c${i + 1}`;
    const col = `"${id}"`;
    const label = labels[i] ?? '';
    const and = stats.and[i]!;
    const or = stats.or[i]!;
    const filled = stats.filled[i]!;
    const dashes = stats.dashes[i]!;
    const notes: string[] = [];
    let type: ColumnSchema['type'] = 'text';
    let sql = col;
    let read: OutputColumn['read'];
    const mixedPercent = (or & SHAPE_PCT) !== 0 && (and & SHAPE_PCT) === 0;
    const padded = stats.padded[i] === 1;
    const form = { padded, thousands: (or & SHAPE_THOUSANDS) !== 0, percent: (or & SHAPE_PCT) !== 0 };
    if (filled > 0 && !mixedPercent) {
      const dashValue = dashes === 0 ? null : (or & SHAPE_ZERO) === 0 ? '0' : 'NULL';
      if (dashes > 0) notes.push(dashValue === '0' ? 'dash-zero' : 'dash-empty');
      if ((and & SHAPE_PCT) !== 0) notes.push('percent');
      if ((or & SHAPE_THOUSANDS) !== 0) notes.push('thousands');
      if ((and & SHAPE_BOOL) !== 0 && dashes === 0) {
        type = 'boolean';
        sql = `CASE lower(${trimmed(col)}) WHEN 'true' THEN true WHEN 'false' THEN false END`;
      } else if ((and & (SHAPE_INT | SHAPE_DEC)) !== 0) {
        type = (and & SHAPE_INT) !== 0 ? 'integer' : 'decimal';
        const cast = type === 'integer' ? 'BIGINT' : 'DOUBLE';
        if (dashValue === null && !form.padded && !form.thousands && !form.percent) read = cast;
        else sql = numericSql(col, cast, dashValue, form);
      } else notes.length = 0;
    }
    if (stats.subtotals[i]! > 0 && type === 'text') subtotalSources.push(col);
    out.push({
      schema: { id, label, code: codes[i] ?? '', type, derivedFrom: null, note: notes.join(',') },
      sql,
      ...(read ? { read } : {}),
    });
    const isDate = filled > 0 && dashes === 0 && (and & SHAPE_DATE) !== 0;
    if (isDate && ((and & SHAPE_COMPACT_DATE) === 0 || DATE_LABEL.test(label))) {
      const ts = (or & SHAPE_DATETIME) !== 0;
      const calendar =
        (and & SHAPE_GREGORIAN) !== 0
          ? 'gregorian-date'
          : (or & SHAPE_GREGORIAN) === 0
            ? 'roc-date'
            : 'mixed-date';
      out.push({
        schema: {
          id: `${id}_iso`,
          label: `${label} (ISO)`,
          code: codes[i] ? `${codes[i]}_iso` : '',
          type: ts ? 'timestamp' : 'date',
          derivedFrom: id,
          note: calendar,
        },
        // All bare digits (the usual 1080630): integer arithmetic, no regular expression per value.
        sql:
          read === 'BIGINT' && !ts && (and & SHAPE_COMPACT_DATE) !== 0
            ? `odp_cdate_n(${col})`
            : `${ts ? 'odp_ts' : (and & SHAPE_COMPACT_DATE) !== 0 ? 'odp_cdate' : 'odp_date'}(${padded ? trimmed(col) : col}${read ? '::VARCHAR' : ''})`,
      });
    }
  }
  let subtotalColumn: string | null = null;
  if (subtotalSources.length > 0) {
    subtotalColumn = 'subtotal';
    const tests = subtotalSources.map(
      (c) => `coalesce(regexp_replace(${c}, '[\\s\u3000]', '', 'g') IN ('合計', '小計', '總計'), false)`,
    );
    out.push({
      schema: {
        id: subtotalColumn,
        label: '小計列',
        code: 'is_subtotal',
        type: 'boolean',
        derivedFrom: null,
        note: 'subtotal-flag',
      },
      sql: tests.join(' OR '),
    });
  }
  return { columns: out, subtotalColumn };
}

/** Spaces a date may have between its parts: exactly those dateShape skips (SPACE_CHARS). */
const SP = `[${SPACE_CHARS}]*`;
const DATE_RE = `^(?:中華民國|民國)?${SP}([0-9]{2,4})${SP}[-/.年]${SP}([0-9]{1,2})${SP}[-/.月]${SP}([0-9]{1,2})日?${SP}(?:([0-9]{1,2})[時:]([0-9]{2})(?:分|:([0-9]{2}))?)?$`;
const part = (k: number): string =>
  `CAST(coalesce(nullif(regexp_extract(v, '${DATE_RE}', ${k}), ''), '0') AS INTEGER)`;
const compact = (a: string, b: string): string => `CAST(v[${a}:${b}] AS INTEGER)`;

/**
 * SQL macros turning the date forms the loader recognises into DATE/TIMESTAMP: bare digits (yyyMMdd ROC,
 * yyyyMMdd Gregorian) and separated forms (108/06/30, 108-06-30, 108年6月30日, 中華民國108年8月1日,
 * 102年01月01日 03時00分). Years of 2-3 digits are ROC (+1911). Values were validated in the streaming pass;
 * odp_cdate reads a column whose every value is bare digits (yyyMMdd/yyMMdd ROC, yyyyMMdd Gregorian).
 */
export const DATE_MACROS = [
  `CREATE OR REPLACE TEMP MACRO odp_year(y) AS CASE WHEN length(y) = 4 THEN CAST(y AS INTEGER) ELSE CAST(y AS INTEGER) + 1911 END`,
  `CREATE OR REPLACE TEMP MACRO odp_date(v) AS CASE WHEN v IS NULL OR v = '' THEN NULL
     WHEN regexp_full_match(v, '[0-9]{6,8}') THEN make_date(odp_year(v[1:length(v) - 4]), ${compact('length(v) - 3', 'length(v) - 2')}, ${compact('length(v) - 1', 'length(v)')})
     ELSE make_date(odp_year(regexp_extract(v, '${DATE_RE}', 1)), ${part(2)}, ${part(3)}) END`,
  `CREATE OR REPLACE TEMP MACRO odp_cdate_n(n) AS make_date(CAST(CASE WHEN n >= 19000000 THEN n // 10000 ELSE n // 10000 + 1911 END AS BIGINT), CAST((n // 100) % 100 AS BIGINT), CAST(n % 100 AS BIGINT))`,
  `CREATE OR REPLACE TEMP MACRO odp_cdate(v) AS odp_cdate_n(CAST(NULLIF(v, '') AS INTEGER))`,
  `CREATE OR REPLACE TEMP MACRO odp_ts(v) AS CASE WHEN v IS NULL OR v = '' THEN NULL
     WHEN regexp_full_match(v, '[0-9]{6,8}') THEN CAST(odp_date(v) AS TIMESTAMP)
     ELSE make_timestamp(odp_year(regexp_extract(v, '${DATE_RE}', 1)), ${part(2)}, ${part(3)}, ${part(4)}, ${part(5)}, ${part(6)}) END`,
];
