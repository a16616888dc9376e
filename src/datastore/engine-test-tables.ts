/**
 * Test helper: writes small Parquet tables with DuckDB plus their TableSchema, so engine, query,
 * sandbox and export tests do not depend on the loader.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sqlString } from './engine.ts';
import type { DatastoreTable } from './query-fields.ts';
import type { ColumnSchema, ColumnType } from './table-schema.ts';

/** A folder of test tables; `cleanup()` removes it. */
export interface TestTables {
  dir: string;
  /** Writes `select` (columns named by id) to `<name>.parquet` and returns the table with its schema. */
  write(
    name: string,
    select: string,
    columns: Array<[id: string, label: string, type: ColumnType]>,
  ): Promise<DatastoreTable>;
  cleanup(): Promise<void>;
}

/** Creates a temporary folder for test tables. */
export async function createTestTables(): Promise<TestTables> {
  const dir = await mkdtemp(join(tmpdir(), 'odp-datastore-'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return {
    dir,
    async write(name, select, columns) {
      const parquetPath = join(dir, `${name}.parquet`);
      await connection.run(`COPY (${select}) TO ${sqlString(parquetPath)} (FORMAT parquet)`);
      const count = await connection.runAndReadAll(
        `SELECT count(*) FROM read_parquet(${sqlString(parquetPath)})`,
      );
      const schemaColumns: ColumnSchema[] = columns.map(([id, label, type]) => ({
        id,
        label,
        code: '',
        type,
        derivedFrom: null,
        note: '',
      }));
      return {
        parquetPath,
        schema: {
          name: '',
          columns: schemaColumns,
          rowCount: Number(count.getRowsJson()[0]?.[0]),
          notes: [],
          subtotalColumn: null,
          encoding: 'utf-8',
          format: 'csv',
        },
      };
    },
    async cleanup() {
      connection.closeSync();
      instance.closeSync();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A small table of Taiwan county figures used across datastore tests. */
export const COUNTY_SELECT = `SELECT * FROM (VALUES
  ('臺北市', '中正區', 1200, 12.50::DECIMAL(10,2), DATE '2024-01-05', true),
  ('臺北市', '大安區', 3400, -3.25::DECIMAL(10,2), DATE '2024-02-10', false),
  ('新北市', '板橋區', 2500, 7.00::DECIMAL(10,2), DATE '2024-03-15', true),
  ('臺中市', '西屯區', 800, NULL, DATE '2024-04-20', NULL),
  ('高雄市', '苓雅區', -150, 0.75::DECIMAL(10,2), DATE '2023-12-31', false),
  ('臺北市', '信義區', 5000, 100.00::DECIMAL(10,2), NULL, true)
) t(c1, c2, c3, c4, c5, c6)`;

/** Columns of COUNTY_SELECT: id, label, type. */
export const COUNTY_COLUMNS: Array<[string, string, ColumnType]> = [
  ['c1', '縣市', 'text'],
  ['c2', '鄉鎮市區', 'text'],
  ['c3', '金額', 'integer'],
  ['c4', '成長率', 'decimal'],
  ['c5', '日期', 'date'],
  ['c6', '是否公開', 'boolean'],
];
