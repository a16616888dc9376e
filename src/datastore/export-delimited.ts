/**
 * CSV/TSV lines for downloads. Cells that a spreadsheet would run as a formula (text starting with
 * = + - @, or a tab/carriage return) get a leading apostrophe (OWASP "CSV injection"); typed number
 * columns are written as numbers and never touched, so a negative amount stays -150.
 */
import type { Json } from '@duckdb/node-api';
import type { CkanFieldType } from './query-fields.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralizes a text cell that a spreadsheet would evaluate. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell's text for a spreadsheet-bound export: numbers as typed, text neutralized. */
export function spreadsheetText(type: CkanFieldType, value: Json): string {
  if (value === null) return '';
  if (typeof value === 'object') return neutralizeFormula(JSON.stringify(value));
  const text = String(value);
  return type === 'text' ? neutralizeFormula(text) : text;
}

/** One CSV line (RFC 4180 quoting, CRLF). */
export function csvLine(cells: string[]): string {
  return `${cells.map(csvQuote).join(',')}\r\n`;
}

/** One TSV line: TSV has no quoting, so tabs and line breaks inside a cell become spaces. */
export function tsvLine(cells: string[]): string {
  return `${cells.map((c) => c.replace(/[\t\r\n]/g, ' ')).join('\t')}\r\n`;
}

function csvQuote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
