/**
 * XLSX downloads through SheetJS, which builds the workbook in memory: callers cap the row count first
 * (export.ts). Numbers stay numbers, booleans booleans; dates are written as ISO text (yyyy-mm-dd) so no
 * time zone can shift them; text that a spreadsheet would run as a formula is neutralized.
 */
import type { Json } from '@duckdb/node-api';
import { sheetJs } from '../platform/lazy-libraries.ts';
import { neutralizeFormula } from './export-delimited.ts';
import { ckanValue, type ExposedField } from './query-fields.ts';

/** Excel sheet names: at most 31 characters, none of \ / ? * [ ] :. */
function sheetName(name: string): string {
  const cleaned = name
    .replace(/[\\/?*[\]:]/g, ' ')
    .trim()
    .slice(0, 31);
  return cleaned === '' ? 'data' : cleaned;
}

function cell(field: ExposedField, value: Json): string | number | boolean | null {
  const v = ckanValue(field.type, value);
  if (v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return field.type === 'text' ? neutralizeFormula(text) : text;
}

/** Builds one sheet with the labels as header row from streamed rows; returns the .xlsx bytes. */
export async function xlsxWorkbook(
  fields: ExposedField[],
  chunks: AsyncIterable<Json[][]>,
  name: string,
): Promise<Buffer> {
  const rows: Array<Array<string | number | boolean | null>> = [fields.map((f) => f.label)];
  for await (const chunk of chunks) {
    for (const row of chunk) rows.push(fields.map((f, i) => cell(f, row[i] ?? null)));
  }
  const workbook = sheetJs().utils.book_new();
  sheetJs().utils.book_append_sheet(workbook, sheetJs().utils.aoa_to_sheet(rows), sheetName(name));
  return sheetJs().write(workbook, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
