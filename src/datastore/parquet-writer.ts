import { duckDb } from '../platform/lazy-libraries.ts';
import { DATE_MACROS, type OutputColumn } from './column-types.ts';

/** Resource limits for the DuckDB conversion: bounded memory, spill to the load's work folder. */
export interface EngineLimits {
  memoryLimit: string;
  threads: number;
}

export const defaultLimits: EngineLimits = { memoryLimit: '256MB', threads: 1 };

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/**
 * Converts a normalized CSV (no header, `csvColumns` fields per line, read as VARCHAR unless an output
 * column says its source is read as a number) to a Parquet file whose columns are the output columns,
 * in one streaming DuckDB COPY. With `skip`/`rowLimit` it reads
 * an original file directly: `skip` lines (titles, header) are passed over, then only `rowLimit` rows are
 * kept, the lines after them (footnotes) read leniently. Returns the number of rows written.
 */
export async function csvToParquet(opts: {
  csvPath: string;
  delimiter: string;
  newline: '\n' | '\r\n';
  csvColumns: number;
  columns: readonly OutputColumn[];
  parquetPath: string;
  tempDir: string;
  limits?: EngineLimits;
  skip?: number;
  rowLimit?: number;
}): Promise<number> {
  const limits = opts.limits ?? defaultLimits;
  const { DuckDBInstance } = duckDb();
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: limits.memoryLimit,
    threads: String(limits.threads),
    temp_directory: opts.tempDir,
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const conn = await instance.connect();
  try {
    for (const m of DATE_MACROS) await conn.run(m);
    const read = new Map(opts.columns.map((c) => [c.schema.id, c.read]));
    const types = Array.from(
      { length: opts.csvColumns },
      (_, i) => `'c${i + 1}': '${read.get(`c${i + 1}`) ?? 'VARCHAR'}'`,
    ).join(', ');
    const select = opts.columns.map((c) => `${c.sql} AS "${c.schema.id}"`).join(',\n  ');
    const skip = Math.trunc(opts.skip ?? 0);
    const tail = `${skip > 0 ? `, skip = ${skip}` : ''}${opts.rowLimit === undefined ? '' : ', ignore_errors = true'}`;
    const source = `read_csv(${sqlString(opts.csvPath)}, delim = ${sqlString(opts.delimiter)}, quote = '"', escape = '"', new_line = ${sqlString(opts.newline === '\n' ? '\\n' : '\\r\\n')},
      header = false, auto_detect = false, columns = {${types}}, max_line_size = 4194304, buffer_size = 16777216${tail})`;
    const limit = opts.rowLimit === undefined ? '' : ` LIMIT ${Math.trunc(opts.rowLimit)}`;
    const result = await conn.run(
      `COPY (SELECT ${select} FROM ${source}${limit}) TO ${sqlString(opts.parquetPath)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    return result.rowsChanged;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
