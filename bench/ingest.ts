/**
 * Datastore ingest benchmark. Builds a CSV of `rows` rows by repeating the data rows of a real file
 * (MOI real-price sales, Taipei), in UTF-8 and in Big5 (iconv CP950), under bench/out/ (gitignored,
 * deleted at the end), then measures side by side, interleaved, `runs` times each:
 *  - DuckDB's own read_csv -> COPY TO parquet (zstd) on the UTF-8 file, with the loader's thread and
 *    memory settings (defaultLimits),
 *  - our loadFile on the UTF-8 file and on the Big5 file (end to end: decode, sniff, infer, Parquet),
 * and the peak RSS (VmHWM) of a child process loading a ~1 GB CSV built the same way.
 * Wall times are medians; CPU seconds (process user+sys, DuckDB threads included) are printed too
 * because the 2 shared cores make wall time depend on other people's work (see load_avg).
 * Prints one JSON line. Usage: npx node bench/ingest.ts [rows=1000000] [rssMegabytes=1024] [runs=3]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadFile } from '../src/datastore/load-file.ts';
import { defaultLimits } from '../src/datastore/parquet-writer.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const rssMegabytes = Number(process.argv[3] ?? 1024);
const runs = Number(process.argv[4] ?? 3);
const dir = join(import.meta.dirname, 'out', `ingest-${process.pid}`);
mkdirSync(dir, { recursive: true });
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

interface Timing {
  ms: number;
  cpuS: number;
}

/** Times `fn`: wall milliseconds and CPU seconds of this process (DuckDB's threads included). */
async function timed<T>(fn: () => Promise<T>): Promise<Timing & { value: T }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuS: (c.user + c.system) / 1e6, value };
}

async function duckdbRaw(csv: string, out: string): Promise<Timing> {
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: defaultLimits.memoryLimit,
    threads: String(defaultLimits.threads),
    temp_directory: dir,
  });
  const conn = await instance.connect();
  const t = await timed(() =>
    conn.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${out}' (FORMAT parquet, COMPRESSION zstd)`),
  );
  conn.closeSync();
  instance.closeSync();
  rmSync(out, { force: true });
  return t;
}

async function ours(csv: string, name: string): Promise<Timing & { rows: number }> {
  const work = join(dir, name);
  const t = await timed(() => loadFile({ path: csv, fileName: `${name}.csv`, workDir: work }));
  rmSync(work, { recursive: true, force: true });
  return { ms: t.ms, cpuS: t.cpuS, rows: t.value.tables[0]?.schema.rowCount ?? 0 };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const perSec = (n: number, ms: number): number => Math.round(n / (ms / 1000));
const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

try {
  const load0 = loadavg()[0]!;
  const utf8 = join(dir, 'utf8.csv');
  const big5 = join(dir, 'big5.csv');
  const n = build(utf8, { rows });
  execFileSync('sh', ['-c', `iconv -c -f UTF-8 -t CP950 '${utf8}' > '${big5}'`]);
  const raw: Timing[] = [];
  const u: Timing[] = [];
  const b: Timing[] = [];
  let loadedRows = 0;
  let big5Rows = 0;
  for (let i = 0; i < runs; i++) {
    raw.push(await duckdbRaw(utf8, join(dir, 'raw.parquet')));
    const a = await ours(utf8, 'u');
    u.push(a);
    loadedRows = a.rows;
    const c = await ours(big5, 'b');
    b.push(c);
    big5Rows = c.rows;
  }
  const rawMs = median(raw.map((t) => t.ms));
  const utfMs = median(u.map((t) => t.ms));
  const big5Ms = median(b.map((t) => t.ms));
  rmSync(utf8, { force: true });
  rmSync(big5, { force: true });
  // Peak RSS: a child process loads a ~1 GB CSV; it reports its own high-water mark.
  const huge = join(dir, 'huge.csv');
  build(huge, { bytes: rssMegabytes * 1024 * 1024 });
  const hugeMB = Math.round(statSync(huge).size / 1e6);
  const child = spawnSync(
    process.execPath,
    [join(import.meta.dirname, 'ingest-rss-child.ts'), huge, join(dir, 'huge')],
    { encoding: 'utf8' },
  );
  const rss = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as {
    peakRssMB?: number;
    rows?: number;
    ms?: number;
  };
  console.log(
    JSON.stringify({
      rows: n,
      loaded_rows: { utf8: loadedRows, big5: big5Rows },
      utf8_rows_per_s: perSec(n, utfMs),
      big5_rows_per_s: perSec(n, big5Ms),
      duckdb_raw_rows_per_s: perSec(n, rawMs),
      ratio_to_duckdb: round(rawMs / utfMs),
      big5_over_utf8: round(big5Ms / utfMs),
      peak_rss_mb_1gb: rss.peakRssMB,
      targets: {
        rows_per_s: 100_000,
        ratio_to_duckdb: 0.5,
        big5_over_utf8_max: 1.3,
        peak_rss_mb_1gb_max: 512,
      },
      wall_ms: {
        duckdb_raw: raw.map((t) => Math.round(t.ms)),
        utf8: u.map((t) => Math.round(t.ms)),
        big5: b.map((t) => Math.round(t.ms)),
      },
      cpu_s: {
        duckdb_raw: raw.map((t) => round(t.cpuS, 1)),
        utf8: u.map((t) => round(t.cpuS, 1)),
        big5: b.map((t) => round(t.cpuS, 1)),
      },
      cpu_ratio_to_duckdb: round(median(raw.map((t) => t.cpuS)) / median(u.map((t) => t.cpuS))),
      rss_file_mb: hugeMB,
      rss_rows: rss.rows,
      rss_load_ms: rss.ms,
      ...(child.status === 0 ? {} : { rss_error: child.stderr.slice(-500) }),
      runs,
      threads: defaultLimits.threads,
      memory_limit: defaultLimits.memoryLimit,
      load_avg: { start: round(load0, 1), end: round(loadavg()[0]!, 1) },
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
