/** Reads the first sheet of a catalogue workbook (.xls BIFF or .xlsx) as records keyed by the header row. */

import { sheetJs } from '../../platform/lazy-libraries.ts';

/** Rows of the first sheet as objects keyed by trimmed header; cells as displayed text; blank rows dropped. */
export function readSheetRecords(bytes: Uint8Array): Record<string, string>[] {
  const book = sheetJs().read(bytes, { type: 'array', cellDates: false });
  const first = book.SheetNames[0];
  const sheet = first ? book.Sheets[first] : undefined;
  if (!sheet) return [];
  const rows = sheetJs().utils.sheet_to_json<unknown[]>(sheet, {
    header: 1,
    defval: '',
    raw: false,
    blankrows: false,
  });
  const [header, ...body] = rows;
  if (!header) return [];
  const keys = header.map((h) => String(h ?? '').trim());
  return body
    .map((row) => Object.fromEntries(keys.map((k, i) => [k, String(row[i] ?? '')])))
    .filter((rec) => Object.values(rec).some((v) => v.trim() !== ''));
}
