import { fromStrings } from './decode-stream.ts';
import { type LoadedTable, loadDelimited } from './load-delimited.ts';
import type { LoadFinding } from './load-errors.ts';
import type { EngineLimits } from './parquet-writer.ts';
import type { TableLayout } from './table-layout.ts';

const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Serializes in-memory rows as CSV text, in pieces of about 1 MB. */
function* csvPieces(rows: readonly (readonly string[])[]): Generator<string> {
  let buf: string[] = [];
  let size = 0;
  for (const r of rows) {
    const line = `${r.map(quote).join(',')}\n`;
    buf.push(line);
    size += line.length;
    if (size > 1 << 20) {
      yield buf.join('');
      buf = [];
      size = 0;
    }
  }
  if (buf.length > 0) yield buf.join('');
}

/**
 * Loads rows already in memory (spreadsheet sheets, JSON/XML records) through the same streaming pass
 * as CSV, so types, dates, footers and subtotals are found the same way. `layout` null = sniff it.
 */
export function loadRows(
  rows: readonly (readonly string[])[],
  layout: TableLayout | null,
  meta: { encoding: string; format: string },
  out: { name: string; parquetPath: string; workDir: string; limits?: EngineLimits },
  findings: LoadFinding[],
): Promise<LoadedTable> {
  return loadDelimited(
    { chunks: fromStrings(csvPieces(rows)), delimiter: ',', ...(layout ? { layout } : {}), ...meta },
    out,
    findings,
  );
}
