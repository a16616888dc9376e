import { open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OdpError } from '../platform/errors.ts';
import { outputColumns } from './column-types.ts';
import { splitAll } from './csv-splitter.ts';
import { decodeFile } from './decode-stream.ts';
import { detectEncoding, type TextEncodingName } from './encoding.ts';
import { type LoadFinding, undecodable } from './load-errors.ts';
import { csvToParquet, type EngineLimits } from './parquet-writer.ts';
import { analyzeLayout, sniffDelimiter, type TableLayout } from './table-layout.ts';
import type { TableSchema } from './table-schema.ts';
import { TableWriter } from './table-writer.ts';

/** One table written by the loader: its schema and the Parquet file holding its rows. */
export interface LoadedTable {
  schema: TableSchema;
  parquetPath: string;
}

/** Characters of decoded text used to sniff the delimiter and the header layout. */
const SAMPLE_CHARS = 256 * 1024;

export interface DelimitedSource {
  /** Decoded text chunks, in order. */
  chunks: AsyncIterable<string>;
  /** Known delimiter (converted spreadsheets/JSON), else sniffed. */
  delimiter?: string;
  /** Known layout (spreadsheets with merges, JSON keys), else analysed from the first records. */
  layout?: TableLayout;
  encoding: string;
  format?: string;
}

/**
 * Loads one delimited text table from decoded chunks: sniffs the layout, streams a normalized CSV while
 * gathering column statistics over every row, then converts it to Parquet with typed columns.
 */
export async function loadDelimited(
  src: DelimitedSource,
  out: { name: string; parquetPath: string; workDir: string; limits?: EngineLimits },
  findings: LoadFinding[],
): Promise<LoadedTable> {
  const it = src.chunks[Symbol.asyncIterator]();
  let sample = '';
  let done = false;
  while (sample.length < SAMPLE_CHARS) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    sample += r.value;
  }
  const delimiter = src.delimiter ?? sniffDelimiter(sample.slice(0, 64 * 1024));
  const layout = src.layout ?? analyzeLayout(splitAll(sample, delimiter, 400));
  const csvPath = join(out.workDir, `${out.parquetPath.replace(/^.*[\\/]/, '')}.norm.csv`);
  const writer = await TableWriter.create(csvPath, layout, delimiter);
  try {
    await writer.push(sample);
    while (!done) {
      const r = await it.next();
      if (r.done) break;
      await writer.push(r.value);
    }
  } catch (err) {
    await writer.abort();
    await rm(csvPath, { force: true });
    throw err;
  }
  const pass = await writer.finish();
  const { columns, subtotalColumn } = outputColumns(layout.labels, layout.codes, pass.stats, pass.sectioned);
  try {
    await csvToParquet({
      csvPath,
      delimiter,
      newline: pass.newline,
      csvColumns: layout.labels.length + (pass.sectioned ? 1 : 0),
      columns,
      parquetPath: out.parquetPath,
      tempDir: out.workDir,
      ...(out.limits ? { limits: out.limits } : {}),
    });
  } finally {
    await rm(csvPath, { force: true });
  }
  const where = out.name ? ` in ${out.name}` : '';
  if (pass.emptyRows > 0)
    findings.push({ code: 'EMPTY_ROWS_SKIPPED', message: `${pass.emptyRows} empty rows skipped${where}` });
  if (pass.overlongRows > 0) {
    findings.push({
      code: 'EXTRA_FIELDS_DROPPED',
      message: `${pass.overlongRows} rows had more fields than the ${layout.labels.length} header columns${where}; the extra fields were dropped`,
    });
  }
  const schema: TableSchema = {
    name: out.name,
    columns: columns.map((c) => c.schema),
    rowCount: pass.rowCount,
    notes: pass.notes,
    subtotalColumn,
    encoding: src.encoding,
    format: src.format ?? (delimiter === '\t' ? 'tsv' : 'csv'),
    titles: layout.titles,
  };
  return { schema, parquetPath: out.parquetPath };
}

/**
 * Loads a CSV/TSV/TXT file from disk: detects the encoding from the bytes (BOM, strict UTF-8, strict
 * Big5/CP950/HKSCS, UTF-16), decodes strictly while streaming. A file that looked UTF-8 in its first
 * bytes but is not is retried as Big5; undecodable bytes fail with their offset.
 */
export async function loadTextFile(
  path: string,
  out: { name: string; parquetPath: string; workDir: string; limits?: EngineLimits },
  findings: LoadFinding[],
  declaredEncoding?: string,
  onProgress?: (fraction: number) => void,
): Promise<LoadedTable> {
  const size = (await stat(path)).size;
  const fh = await open(path, 'r');
  const head = Buffer.alloc(Math.min(size, 64 * 1024));
  await fh.read(head, 0, head.length, 0);
  await fh.close();
  const detected = detectEncoding(head, declaredEncoding);
  findings.push(...detected.findings);
  const progress = (bytes: number): void => onProgress?.(size === 0 ? 0.8 : (bytes / size) * 0.8);
  const attempt = (encoding: TextEncodingName): Promise<LoadedTable> =>
    loadDelimited(
      { chunks: decodeFile(path, encoding, detected.bomLength, progress), encoding },
      out,
      findings,
    );
  try {
    return await attempt(detected.encoding);
  } catch (err) {
    const retry =
      err instanceof OdpError &&
      err.code === 'ODP_DATASTORE_UNDECODABLE' &&
      detected.encoding === 'utf-8' &&
      detected.bomLength === 0;
    if (!retry) throw err;
    try {
      const table = await attempt('big5');
      findings.push({
        code: 'ENCODING_LATE_SWITCH',
        message: 'the file starts as valid UTF-8 but is not; it was decoded as Big5 (CP950)',
      });
      return table;
    } catch (err2) {
      if (err2 instanceof OdpError && err2.code === 'ODP_DATASTORE_UNDECODABLE') {
        const offset = Number(/offset (\d+)/.exec(err.message)?.[1] ?? 0);
        throw undecodable(offset, ['utf-8', 'big5 (cp950/big5-hkscs)']);
      }
      throw err2;
    }
  }
}
