import { DuckDBInstance } from '@duckdb/node-api';

/** Runs a query over a Parquet file (as table `t`) and returns plain rows: for tests and the benchmark. */
export async function queryParquet(parquetPath: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(`CREATE VIEW t AS SELECT * FROM read_parquet('${parquetPath.replaceAll("'", "''")}')`);
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
