/** The fixture files parsed independently of the loader, to check what the API answers against. */
import { readFileSync } from 'node:fs';
import { MOE_PATH, SHELTERS_PATH } from './setup.ts';

/** Rows of a simple delimited text (no quoted fields in these files) as objects keyed by header. */
function rowsOf(text: string, delimiter: string, headerLine: number): Array<Record<string, string>> {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = (lines[headerLine] ?? '').split(delimiter).map((h) => h.trim());
  return lines
    .slice(headerLine + 1)
    .map((l) => Object.fromEntries(l.split(delimiter).map((v, i) => [header[i] ?? `col${i}`, v.trim()])));
}

/** The Taitung shelters CSV (UTF-8 with BOM). */
export const shelterRows = (): Array<Record<string, string>> =>
  rowsOf(readFileSync(SHELTERS_PATH, 'utf8'), ',', 0);

/** The MOE departments file (Big5, tab-separated, two title rows above the header). */
export const moeRows = (): Array<Record<string, string>> =>
  rowsOf(new TextDecoder('big5').decode(readFileSync(MOE_PATH)), '\t', 2);
