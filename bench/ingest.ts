/**
 * Datastore ingest benchmark. Builds a 1,000,000-row CSV by repeating the rows of a real file
 * (MOI real-price sales, Taipei), in UTF-8 and in Big5 (iconv CP950), then measures side by side:
 *  - DuckDB's own read_csv -> COPY TO parquet on the UTF-8 file (same threads and memory limit),
 *  - our loadFile on the UTF-8 file and on the Big5 file (end to end: decode, sniff, infer, Parquet),
 *  - peak RSS of a child process loading a ~1 GB CSV.
 * Prints one JSON line. Usage: npx node bench/ingest.ts [rows=1000000] [rssMegabytes=1024]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadFile } from '../src/datastore/load-file.ts';
import { defaultLimits } from '../src/datastore/parquet-writer.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const rssMegabytes = Number(process.argv[3] ?? 1024);
const dir = mkdtempSync(join(tmpdir(), 'odp-bench-'));
const source = join(import.meta.dirname, '../fixtures/real/realprice-taipei-set/a_lvr_land_a.csv');

/** Writes header + data lines repeated until `target` data rows (or bytes) are written. */
function build(path: string, target: { rows?: number; bytes?: number }): number {
  const text = readFileSync(source, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = `${lines[0]}\n`;
  const data = lines.slice(1);
  const fd = openSync(path, 'w');
  writeSync(fd, header);
  let n = 0;
  let bytes = header.length;
  const block = `${data.join('\n')}\n`;
  const blockBytes = Buffer.byteLength(block);
  while (
    (target.rows === undefined || n + data.length <= target.rows) &&
    (target.bytes === undefined || bytes < target.bytes)
  ) {
    writeSync(fd, block);
    n += data.length;
    bytes += blockBytes;
  }
  if (target.rows !== undefined && n < target.rows) {
    writeSync(fd, `${data.slice(0, target.rows - n).join('\n')}\n`);
    n = target.rows;
  }
  closeSync(fd);
  return n;
}

async function duckdbRaw(csv: string, out: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: defaultLimits.memoryLimit,
    threads: String(defaultLimits.threads),
    temp_directory: dir,
  });
  const conn = await instance.connect();
  const t0 = performance.now();
  await conn.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${out}' (FORMAT parquet, COMPRESSION zstd)`);
  const ms = performance.now() - t0;
  conn.closeSync();
  instance.closeSync();
  return ms;
}

async function ours(csv: string, name: string): Promise<{ ms: number; rows: number }> {
  const work = join(dir, name);
  const t0 = performance.now();
  const r = await loadFile({ path: csv, fileName: `${name}.csv`, workDir: work });
  const ms = performance.now() - t0;
  rmSync(work, { recursive: true, force: true });
  return { ms, rows: r.tables[0]?.schema.rowCount ?? 0 };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const utf8 = join(dir, 'utf8.csv');
  const big5 = join(dir, 'big5.csv');
  const n = build(utf8, { rows });
  execFileSync('sh', ['-c', `iconv -c -f UTF-8 -t CP950 '${utf8}' > '${big5}'`]);
  const raw: number[] = [];
  const u: number[] = [];
  const b: number[] = [];
  let loadedRows = 0;
  for (let i = 0; i < 3; i++) {
    raw.push(await duckdbRaw(utf8, join(dir, 'raw.parquet')));
    const a = await ours(utf8, 'u');
    u.push(a.ms);
    loadedRows = a.rows;
    b.push((await ours(big5, 'b')).ms);
  }
  const rawMs = median(raw);
  const utfMs = median(u);
  const big5Ms = median(b);
  // Peak RSS: a child process loads a ~1 GB CSV; it reports its own high-water mark.
  const huge = join(dir, 'huge.csv');
  build(huge, { bytes: rssMegabytes * 1024 * 1024 });
  const child = spawnSync(
    process.execPath,
    [join(import.meta.dirname, 'ingest-rss-child.ts'), huge, join(dir, 'huge')],
    {
      encoding: 'utf8',
    },
  );
  const rss = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as {
    peakRssMB?: number;
    rows?: number;
    ms?: number;
  };
  console.log(
    JSON.stringify({
      rows: n,
      loadedRows,
      utf8MB: Math.round(statSync(utf8).size / 1e6),
      big5MB: Math.round(statSync(big5).size / 1e6),
      duckdbRawMs: Math.round(rawMs),
      utf8Ms: Math.round(utfMs),
      big5Ms: Math.round(big5Ms),
      utf8RowsPerSec: Math.round(n / (utfMs / 1000)),
      big5RowsPerSec: Math.round(n / (big5Ms / 1000)),
      duckdbRawRowsPerSec: Math.round(n / (rawMs / 1000)),
      ratioToDuckdb: Number((rawMs / utfMs).toFixed(3)),
      big5OverUtf8: Number((big5Ms / utfMs).toFixed(3)),
      rssFileMB: Math.round(statSync(huge).size / 1e6),
      rssRows: rss.rows,
      rssLoadMs: rss.ms,
      peakRssMB: rss.peakRssMB,
      runs: 3,
      threads: defaultLimits.threads,
      memoryLimit: defaultLimits.memoryLimit,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
