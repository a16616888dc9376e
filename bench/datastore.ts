/**
 * Datastore query benchmark: a 10,000,000-row Parquet table (county, district, date, integer amounts,
 * decimals), ~50 varied filter + sort + page (limit 100) searches, and the unfiltered total.
 * Prints ONE JSON line. The generated file is cached in bench/out/ (gitignored).
 *
 *   npx node bench/datastore.ts [rows=10000000] [runs=3] [--no-cache]
 *
 * The first query is timed cold (Parquet, starts the hot-table cache build), then the build is awaited and
 * the mix (50 filter+sort+page searches, 10 unfiltered pages with total, one full-text q) runs `runs` times.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createDatastoreEngine, sqlString } from '../src/datastore/engine.ts';
import { searchTable } from '../src/datastore/query.ts';
import type { DatastoreTable } from '../src/datastore/query-fields.ts';
import type { SearchInput } from '../src/datastore/query-params.ts';
import type { ColumnSchema, ColumnType } from '../src/datastore/table-schema.ts';

const numbers = process.argv.slice(2).filter((a) => /^\d+$/.test(a));
const ROWS = Number(numbers[0] ?? 10_000_000);
/** Passes over the query mix (figures are medians over passes). */
const RUNS = Number(numbers[1] ?? 3);
const COUNTIES = [
  '臺北市',
  '新北市',
  '桃園市',
  '臺中市',
  '臺南市',
  '高雄市',
  '基隆市',
  '新竹市',
  '嘉義市',
  '新竹縣',
];
const outDir = join(import.meta.dirname, 'out');
const parquetPath = join(outDir, `datastore-${ROWS}.parquet`);

async function generate(): Promise<number> {
  if (existsSync(parquetPath)) return 0;
  await mkdir(outDir, { recursive: true });
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const counties = `[${COUNTIES.map(sqlString).join(', ')}]`;
  const tmp = `${parquetPath}.tmp`;
  // Random order on purpose: a real upload is not sorted by what users filter on.
  await connection.run(`COPY (
    SELECT ${counties}[1 + (hash(i) % 10)::INT] AS c1,
           '第' || (1 + (hash(i * 7) % 30))::VARCHAR || '區' AS c2,
           DATE '2015-01-01' + ((hash(i * 13) % 3650)::INT) AS c3,
           ((hash(i * 17) % 2000000)::BIGINT - 100000) AS c4,
           (((hash(i * 19) % 100000)::DOUBLE) / 100)::DECIMAL(12, 2) AS c5,
           'R' || lpad(i::VARCHAR, 9, '0') AS c6
    FROM range(${ROWS}) t(i)) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
  connection.closeSync();
  instance.closeSync();
  await rename(tmp, parquetPath);
  return performance.now() - started;
}

const columns: Array<[string, string, ColumnType]> = [
  ['c1', '縣市', 'text'],
  ['c2', '鄉鎮市區', 'text'],
  ['c3', '交易日期', 'date'],
  ['c4', '金額', 'integer'],
  ['c5', '單價', 'decimal'],
  ['c6', '編號', 'text'],
];

function queries(): SearchInput[] {
  const out: SearchInput[] = [];
  const sorts = ['金額 desc', '交易日期 desc', '單價 asc', '金額 asc, 交易日期 desc', '編號 desc'];
  for (let i = 0; i < 50; i += 1) {
    const county = COUNTIES[i % COUNTIES.length] as string;
    const sort = sorts[i % sorts.length] as string;
    switch (i % 5) {
      case 0:
        out.push({ filters: { 縣市: county }, sort, limit: 100 });
        break;
      case 1:
        out.push({
          filters: { 縣市: county, 鄉鎮市區: `第${1 + (i % 30)}區` },
          sort,
          limit: 100,
          offset: 100,
        });
        break;
      case 2:
        out.push({ filters: { 縣市: [county, COUNTIES[(i + 3) % 10] as string] }, sort, limit: 100 });
        break;
      case 3:
        out.push({ filters: { 交易日期: `2020-0${1 + (i % 9)}-1${i % 10}` }, sort, limit: 100 });
        break;
      default:
        out.push({ sort, limit: 100, offset: i * 1000 });
    }
  }
  return out;
}

function sortedCopy(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const generateMs = await generate();
const probe = await createDatastoreEngine({ cacheBytes: 0 });
const count = await probe.query(`SELECT count(*) FROM read_parquet(${sqlString(parquetPath)})`);
const schemaColumns: ColumnSchema[] = columns.map(([id, label, type]) => ({
  id,
  label,
  code: '',
  type,
  derivedFrom: null,
  note: '',
}));
const table: DatastoreTable = {
  parquetPath,
  schema: {
    name: '',
    columns: schemaColumns,
    rowCount: Number(count.rows[0]?.[0]),
    notes: [],
    subtotalColumn: null,
    encoding: 'utf-8',
    format: 'csv',
  },
};
await probe.close();

const ref = { parquetPath, rowCount: table.schema.rowCount };
const cacheOn = !process.argv.includes('--no-cache');
const engine = await createDatastoreEngine({ memoryLimit: '1GB', ...(cacheOn ? {} : { cacheBytes: 0 }) });

// Cold: the first query of a table reads Parquet (and starts the cache build in the background).
const coldStarted = performance.now();
await searchTable(engine, table, { filters: { 縣市: '臺北市' }, sort: '金額 desc', limit: 100 });
const coldMs = performance.now() - coldStarted;
const buildStarted = performance.now();
const cached = await engine.warm(ref);
const buildMs = performance.now() - buildStarted;

/** One pass of the mix: filter + sort + page times, unfiltered page times, and the full-text q time. */
async function mix(): Promise<{
  times: number[];
  cpu: number[];
  totals: number[];
  qMs: number;
  qTotal: number;
  matched: number;
}> {
  const times: number[] = [];
  const cpu: number[] = [];
  let matched = 0;
  for (const input of queries()) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = await searchTable(engine, table, input);
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
    matched += result.total ?? 0;
  }
  const totals: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    const started = performance.now();
    const result = await searchTable(engine, table, { limit: 100 });
    totals.push(performance.now() - started);
    if (result.total !== table.schema.rowCount)
      throw new Error('unfiltered total differs from the row count');
  }
  const qStarted = performance.now();
  const qResult = await searchTable(engine, table, { q: '第7區 臺南', limit: 100 });
  return { times, cpu, totals, qMs: performance.now() - qStarted, qTotal: qResult.total ?? -1, matched };
}

// The machine is shared and noisy: repeat the mix and quote the median of each pass's figure.
const passes = [];
for (let i = 0; i < RUNS; i += 1) passes.push(await mix());
const stats = engine.cacheStats();
await engine.close();

const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const last = passes.at(-1);
console.log(
  JSON.stringify({
    rows: table.schema.rowCount,
    cache: cacheOn,
    runs: RUNS,
    generate_ms: Math.round(generateMs),
    queries_per_run: last?.times.length,
    first_query_cold_ms: Math.round(coldMs),
    cache_build_ms: cached ? Math.round(buildMs) : null,
    cache_bytes: stats.bytes,
    cache_budget_bytes: stats.budgetBytes,
    filter_sort_page_p50_ms: Math.round(median(passes.map((p) => percentile(sortedCopy(p.times), 50)))),
    filter_sort_page_p99_ms: Math.round(median(passes.map((p) => percentile(sortedCopy(p.times), 99)))),
    // CPU time of the process (all DuckDB threads) per search: what a query costs, whatever the load.
    filter_sort_page_cpu_p50_ms: Math.round(median(passes.map((p) => percentile(sortedCopy(p.cpu), 50)))),
    // Pass 1 asks each filter's total for the first time (later passes find totals remembered).
    first_pass_p50_ms: Math.round(percentile(sortedCopy(passes[0]?.times ?? []), 50)),
    first_pass_cpu_p50_ms: Math.round(percentile(sortedCopy(passes[0]?.cpu ?? []), 50)),
    mean_matched_rows: Math.round((last?.matched ?? 0) / (last?.times.length ?? 1)),
    unfiltered_page_with_total_p50_ms: Math.round(
      median(passes.map((p) => percentile(sortedCopy(p.totals), 50))),
    ),
    // First time (a scan) and repeated (its total remembered, the page stops at 100 matches).
    full_text_q_first_ms: Math.round(passes[0]?.qMs ?? Number.NaN),
    full_text_q_repeat_ms: Math.round(median(passes.slice(1).map((p) => p.qMs))),
    full_text_q_total: last?.qTotal,
    // Other work on a shared machine inflates every figure; this says how busy it was.
    load_average_1m: Number(loadavg()[0]?.toFixed(1)),
  }),
);
