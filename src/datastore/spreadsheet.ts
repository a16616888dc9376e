import type * as XLSX from '@e965/xlsx';
import { sheetJs } from '../platform/lazy-libraries.ts';
import { analyzeLayout, type MergeRange, type TableLayout } from './table-layout.ts';

/** One sheet as text cells plus where its header sits. */
export interface SheetRows {
  name: string;
  rows: string[][];
  layout: TableLayout;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The text a reader sees in a cell, without display formatting that would hide the value (1.0, "1,234"). */
function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 'd' && cell.v instanceof Date) {
    const d = cell.v;
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const secs = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
    return secs === 0
      ? date
      : `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  }
  if (cell.t === 'n')
    return typeof cell.w === 'string' && cell.w.trim().endsWith('%') ? cell.w.trim() : String(cell.v);
  if (cell.t === 'b') return cell.v ? 'true' : 'false';
  if (cell.t === 'e') return cell.w ?? '';
  return String(cell.v);
}

/**
 * Reads every sheet of an .xls (BIFF), .xlsx or .ods workbook. Header rows are found with the sheet's
 * merged ranges (merged parents become `parent/child`); values merged down the data rows are repeated
 * into every row they cover, as a reader of the sheet sees them.
 */
export function readWorkbook(bytes: Buffer): SheetRows[] {
  const wb = sheetJs().read(bytes, { dense: true, cellDates: true, cellNF: false, cellText: true });
  const sheets: SheetRows[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const data = (ws['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
    const ref = ws['!ref'] ? sheetJs().utils.decode_range(ws['!ref']) : null;
    let width = 0;
    const rows: string[][] = [];
    for (let r = 0; r < data.length; r++) {
      const line = (data[r] ?? []).map(cellText);
      while (line.length > 0 && line[line.length - 1] === '') line.pop();
      width = Math.max(width, line.length);
      rows.push(line);
    }
    if (ref) width = Math.min(width, ref.e.c + 1);
    for (const r of rows) {
      r.length = Math.min(r.length, width);
      while (r.length < width) r.push('');
    }
    while (rows.length > 0 && rows[rows.length - 1]!.every((v) => !v.trim())) rows.pop();
    if (rows.length === 0) continue;
    const merges = (ws['!merges'] ?? []) as MergeRange[];
    const layout = analyzeLayout(rows, merges);
    for (const m of merges) {
      if (m.s.r < layout.skip || m.e.c !== m.s.c) continue;
      const v = rows[m.s.r]?.[m.s.c] ?? '';
      for (let r = m.s.r + 1; r <= m.e.r && r < rows.length; r++) rows[r]![m.s.c] = v;
    }
    sheets.push({ name, rows, layout });
  }
  return sheets;
}
