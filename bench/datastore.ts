/**
 * Datastore query benchmark: a 10,000,000-row Parquet table (county, district, date, integer amounts,
 * decimals), ~50 varied filter + sort + page (limit 100) searches, and the unfiltered total.
 * Prints ONE JSON line. The generated file is cached in bench/out/ (gitignored).
 *
 *   npx node bench/datastore.ts            (or `npx node bench/datastore.ts 1000000` for a quicker run)
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

const ROWS = Number(process.argv[2] ?? 10_000_000);
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const generateMs = await generate();
const engine = await createDatastoreEngine();
const count = await engine.query(`SELECT count(*) FROM read_parquet(${sqlString(parquetPath)})`);
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

await searchTable(engine, table, { filters: { 縣市: '臺北市' }, limit: 1 }); // warm the footer cache
const times: number[] = [];
let matched = 0;
for (const input of queries()) {
  const started = performance.now();
  const result = await searchTable(engine, table, input);
  times.push(performance.now() - started);
  matched += result.total ?? 0;
}
const sorted = [...times].sort((a, b) => a - b);

const totalTimes: number[] = [];
for (let i = 0; i < 20; i += 1) {
  const started = performance.now();
  const result = await searchTable(engine, table, { limit: 100 });
  totalTimes.push(performance.now() - started);
  if (result.total !== table.schema.rowCount) throw new Error('unfiltered total differs from the row count');
}
totalTimes.sort((a, b) => a - b);

const qStarted = performance.now();
const qResult = await searchTable(engine, table, { q: '第7區 臺南', limit: 100 });
const qMs = performance.now() - qStarted;
await engine.close();

console.log(
  JSON.stringify({
    rows: table.schema.rowCount,
    generate_ms: Math.round(generateMs),
    queries: times.length,
    filter_sort_page_p50_ms: Math.round(percentile(sorted, 50)),
    filter_sort_page_p99_ms: Math.round(percentile(sorted, 99)),
    filter_sort_page_max_ms: Math.round(sorted.at(-1) ?? 0),
    mean_matched_rows: Math.round(matched / times.length),
    unfiltered_page_with_total_p50_ms: Math.round(percentile(totalTimes, 50)),
    full_text_q_ms: Math.round(qMs),
    full_text_q_total: qResult.total,
    // Other work on a shared machine inflates every figure; this says how busy it was.
    load_average_1m: Number(loadavg()[0]?.toFixed(1)),
  }),
);
