import { open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OdpError } from '../platform/errors.ts';
import { outputColumns } from './column-types.ts';
import { splitAll } from './csv-splitter.ts';
import { readAsUtf8 } from './decode-stream.ts';
import { detectEncoding, type TextEncodingName } from './encoding.ts';
import { badInput, type LoadFinding, undecodable } from './load-errors.ts';
import { csvToParquet, type EngineLimits } from './parquet-writer.ts';
import { analyzeLayout, sniffDelimiter, type TableLayout } from './table-layout.ts';
import type { TableSchema } from './table-schema.ts';
import { RewriteNeeded, type TablePass, TableWriter } from './table-writer.ts';

/** One table written by the loader: its schema and the Parquet file holding its rows. */
export interface LoadedTable {
  schema: TableSchema;
  parquetPath: string;
}

/** Characters of decoded text used to sniff the delimiter and the header layout. */
const SAMPLE_CHARS = 256 * 1024;

export interface DelimitedSource {
  /** The text as chunks of UTF-8 bytes, in order (a character may be cut at a chunk end). */
  chunks: AsyncIterable<Buffer>;
  /** Known delimiter (converted spreadsheets/JSON), else sniffed. */
  delimiter?: string;
  /** Known layout (spreadsheets with merges, JSON keys), else analysed from the first records. */
  layout?: TableLayout;
  encoding: string;
  format?: string;
  /**
   * The UTF-8 file the chunks come from: when its records need no rewriting the engine reads it directly
   * (no normalized copy); `reread` reads it again from the start if they do after all.
   */
  file?: { path: string; reread: () => AsyncIterable<Buffer> };
}

type Out = { name: string; parquetPath: string; workDir: string; limits?: EngineLimits };

/** Streams `first` then the rest of `it` through a writer; on failure closes the writer and the reader. */
async function runPass(
  writer: TableWriter,
  first: readonly Buffer[],
  it: AsyncIterator<Buffer>,
  done: boolean,
): Promise<TablePass> {
  try {
    for (const chunk of first) await writer.push(chunk);
    while (!done) {
      const r = await it.next();
      if (r.done) break;
      await writer.push(r.value);
    }
    return await writer.finish();
  } catch (err) {
    await writer.abort();
    await it.return?.();
    throw err;
  }
}

/**
 * Loads one delimited text table from decoded chunks: sniffs the layout, streams a normalized CSV while
 * gathering column statistics over every row, then converts it to Parquet with typed columns.
 */
export async function loadDelimited(
  src: DelimitedSource,
  out: Out,
  findings: LoadFinding[],
): Promise<LoadedTable> {
  const it = src.chunks[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let sample = '';
  let done = false;
  while (sample.length < SAMPLE_CHARS) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    head.push(Buffer.from(r.value)); // a copy: the reader reuses its buffer
    sample += decoder.decode(r.value, { stream: true });
  }
  if (done && src.layout === undefined && sample.replace(/[\s\uFEFF]/gu, '') === '')
    throw badInput('The file holds no table: it is empty or has only blank lines');
  const delimiter = src.delimiter ?? sniffDelimiter(sample.slice(0, 64 * 1024));
  const layout = src.layout ?? analyzeLayout(splitAll(sample, delimiter, 400));
  const csvPath = join(out.workDir, `${out.parquetPath.replace(/^.*[\\/]/, '')}.norm.csv`);
  const direct = src.file !== undefined && src.encoding === 'utf-8';
  const rewrite = async (): Promise<TablePass> => {
    await rm(csvPath, { force: true });
    const again = src.file!.reread()[Symbol.asyncIterator]();
    return runPass(TableWriter.create(csvPath, layout, delimiter), [], again, false);
  };
  let pass: TablePass;
  try {
    pass = await runPass(TableWriter.create(csvPath, layout, delimiter, direct), head, it, done);
  } catch (err) {
    if (!(err instanceof RewriteNeeded)) {
      await rm(csvPath, { force: true });
      throw err;
    }
    await it.return?.();
    pass = await rewrite().catch(async (e: unknown) => {
      await rm(csvPath, { force: true });
      throw e;
    });
  }
  let { columns, subtotalColumn } = outputColumns(layout.labels, layout.codes, pass.stats, pass.sectioned);
  const convert = (p: TablePass, from: string, skip?: number, rowLimit?: number): Promise<number> =>
    csvToParquet({
      csvPath: from,
      delimiter,
      newline: p.newline,
      csvColumns: layout.labels.length + (p.sectioned ? 1 : 0),
      columns,
      parquetPath: out.parquetPath,
      tempDir: out.workDir,
      ...(out.limits ? { limits: out.limits } : {}),
      ...(skip === undefined ? {} : { skip }),
      ...(rowLimit === undefined ? {} : { rowLimit }),
    });
  try {
    let readDirectly = false;
    if (pass.direct && src.file) {
      const trailing = pass.emptyRows > 0 || pass.notes.length > 0;
      // The engine must see exactly the rows the pass counted; on any doubt, fall back to a normalized copy.
      const written = await convert(
        pass,
        src.file.path,
        layout.skip,
        trailing ? pass.rowCount : undefined,
      ).catch(() => -1);
      readDirectly = written === pass.rowCount;
      if (!readDirectly) {
        await rm(out.parquetPath, { force: true });
        pass = await rewrite();
        ({ columns, subtotalColumn } = outputColumns(
          layout.labels,
          layout.codes,
          pass.stats,
          pass.sectioned,
        ));
      }
    }
    if (!readDirectly) await convert(pass, csvPath);
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
      {
        chunks: readAsUtf8(path, encoding, detected.bomLength, progress),
        encoding,
        file: { path, reread: () => readAsUtf8(path, encoding, detected.bomLength, progress) },
      },
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
