import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { OdpError } from '../platform/errors.ts';
import { COUNTY_COLUMNS, COUNTY_SELECT, createTestTables, type TestTables } from './engine-test-tables.ts';
import type { DatastoreTable } from './query-fields.ts';
import {
  createSqlSandbox,
  type ReadableTableLookup,
  readableTables,
  type SqlSandbox,
} from './sql-sandbox.ts';

const PUBLIC_ID = 'a1b2c3d4-0000-4000-8000-000000000001';
const POP_ID = 'a1b2c3d4-0000-4000-8000-000000000002';
const PRIVATE_ID = 'a1b2c3d4-0000-4000-8000-00000000dead';

let tables: TestTables;
let sandbox: SqlSandbox;
let lookup: ReadableTableLookup;
let privateTable: DatastoreTable;
let secretFile: string;

before(async () => {
  tables = await createTestTables();
  const counties = await tables.write('counties', COUNTY_SELECT, COUNTY_COLUMNS);
  const population = await tables.write(
    'population',
    `SELECT * FROM (VALUES ('臺北市', 2500000), ('新北市', 4000000), ('高雄市', 2700000)) t(p1, p2)`,
    [
      ['p1', '縣市', 'text'],
      ['p2', '人口', 'integer'],
    ],
  );
  privateTable = await tables.write('private', `SELECT 'TOPSECRET' AS s1`, [['s1', '機密', 'text']]);
  secretFile = join(tables.dir, 'secret.txt');
  await writeFile(secretFile, 'FILESECRET\n');
  const all = new Map([
    [PUBLIC_ID, counties],
    [POP_ID, population],
    [PRIVATE_ID, privateTable],
  ]);
  lookup = readableTables(
    async (id) => all.get(id) ?? null,
    async (id) => id !== PRIVATE_ID,
  );
  sandbox = await createSqlSandbox({ timeoutMs: 2_000, memoryLimit: '128MB' });
});
after(async () => {
  await sandbox.close();
  await tables.cleanup();
});

/**
 * Runs `sql`, expects a refusal, and checks nothing secret or internal leaked into the message
 * (a path the caller wrote may be echoed back: it is their own input).
 */
async function refused(sql: string, runner: SqlSandbox = sandbox): Promise<OdpError> {
  try {
    const result = await runner.run(sql, lookup);
    assert.fail(`expected refusal, got ${JSON.stringify(result).slice(0, 200)}`);
  } catch (err) {
    assert.ok(err instanceof OdpError, `not an OdpError: ${String(err)}`);
    const text = `${err.message} ${JSON.stringify(err.fields)}`.replaceAll(privateTable.parquetPath, '');
    for (const secret of ['TOPSECRET', 'FILESECRET', tables.dir, '.parquet']) {
      assert.ok(!text.includes(secret), `leaked ${secret}: ${text}`);
    }
    return err;
  }
}

describe('datastore_search_sql sandbox: legitimate queries', () => {
  test('reads a table by resource id with Chinese labels as column names', async () => {
    const result = await sandbox.run(
      `SELECT "縣市", sum("金額") AS "總額", count(*) AS n FROM "${PUBLIC_ID}" GROUP BY "縣市" ORDER BY "總額" DESC`,
      lookup,
    );
    assert.deepEqual(
      result.fields.map((f) => [f.id, f.type]),
      [
        ['縣市', 'text'],
        ['總額', 'int'],
        ['n', 'int'],
      ],
    );
    assert.deepEqual(result.records[0], { 縣市: '臺北市', 總額: 9600, n: 3 });
    assert.equal(result.records.length, 4);
    assert.equal(result.records_truncated, undefined);
  });

  test('joins two readable tables, with CTEs, windows and _id', async () => {
    const result = await sandbox.run(
      `WITH totals AS (SELECT "縣市", sum("金額") AS amount FROM "${PUBLIC_ID}" GROUP BY 1)
       SELECT p."縣市", p."人口", t.amount, rank() OVER (ORDER BY p."人口" DESC) AS r
       FROM "${POP_ID}" p JOIN totals t ON t."縣市" = p."縣市" ORDER BY r`,
      lookup,
    );
    assert.deepEqual(result.records, [
      { 縣市: '新北市', 人口: 4000000, amount: 2500, r: 1 },
      { 縣市: '高雄市', 人口: 2700000, amount: -150, r: 2 },
      { 縣市: '臺北市', 人口: 2500000, amount: 9600, r: 3 },
    ]);
    const ids = await sandbox.run(`SELECT "_id", "鄉鎮市區" FROM "${PUBLIC_ID}" WHERE "_id" = 2;`, lookup);
    assert.deepEqual(ids.records, [{ _id: 2, 鄉鎮市區: '大安區' }]);
  });

  test('string values that look like SQL are just values', async () => {
    const result = await sandbox.run(
      `SELECT count(*) AS n FROM "${PUBLIC_ID}" WHERE "縣市" = 'x''; DROP VIEW "${PUBLIC_ID}"; --' /* ; DELETE */`,
      lookup,
    );
    assert.deepEqual(result.records, [{ n: 0 }]);
    const again = await sandbox.run(`SELECT count(*) AS n FROM "${PUBLIC_ID}"`, lookup);
    assert.deepEqual(again.records, [{ n: 6 }]);
  });

  test('caps rows and says so with records_truncated', async () => {
    const small = await createSqlSandbox({ rowLimit: 4 });
    try {
      const result = await small.run(`SELECT * FROM "${PUBLIC_ID}"`, lookup);
      assert.equal(result.records.length, 4);
      assert.equal(result.records_truncated, true);
    } finally {
      await small.close();
    }
  });
});

describe('datastore_search_sql sandbox: refusals', () => {
  test('a private table looks exactly like a missing one', async () => {
    const hidden = await refused(`SELECT * FROM "${PRIVATE_ID}"`);
    const missing = await refused(`SELECT * FROM "a1b2c3d4-0000-4000-8000-00000000beef"`);
    assert.deepEqual(hidden.fields.query, [`relation "${PRIVATE_ID}" does not exist`]);
    assert.deepEqual(missing.fields.query, [
      `relation "a1b2c3d4-0000-4000-8000-00000000beef" does not exist`,
    ]);
    assert.equal(hidden.code, missing.code);
    assert.equal(hidden.status, missing.status);
  });

  const attacks: Array<[string, () => string]> = [
    ['private table in a CTE', () => `WITH x AS (SELECT * FROM "${PRIVATE_ID}") SELECT * FROM x`],
    [
      'private table in a subquery',
      () => `SELECT * FROM "${PUBLIC_ID}" WHERE EXISTS (SELECT 1 FROM "${PRIVATE_ID}")`,
    ],
    [
      'private table in a UNION',
      () => `SELECT "縣市" FROM "${PUBLIC_ID}" UNION ALL SELECT "機密" FROM "${PRIVATE_ID}"`,
    ],
    ['private table via DESCRIBE', () => `SELECT * FROM (DESCRIBE "${PRIVATE_ID}")`],
    ['read_parquet of a private file', () => `SELECT * FROM read_parquet('${privateTable.parquetPath}')`],
    ['a private file named as a table', () => `SELECT * FROM '${privateTable.parquetPath}'`],
    ['a private file named as a table, quoted', () => `SELECT * FROM "${privateTable.parquetPath}"`],
    ['read_csv of /etc/passwd', () => `SELECT * FROM read_csv('/etc/passwd')`],
    ['a path named as a table', () => `SELECT * FROM '/etc/passwd'`],
    ['read_text of a local file', () => `SELECT * FROM read_text('${secretFile}')`],
    ['read_json of a local file', () => `SELECT * FROM read_json_auto('${secretFile}')`],
    ['glob', () => `SELECT * FROM glob('${tables.dir}/*')`],
    ['remote parquet', () => `SELECT * FROM read_parquet('https://example.com/x.parquet')`],
    ['current_setting', () => `SELECT current_setting('allowed_paths') FROM "${PUBLIC_ID}"`],
    ['getvariable', () => `SELECT getvariable('x')`],
    ['duckdb_settings()', () => `SELECT * FROM duckdb_settings()`],
    ['duckdb_views()', () => `SELECT sql FROM duckdb_views()`],
    ['duckdb_tables view', () => `SELECT * FROM duckdb_tables`],
    ['sqlite_master', () => `SELECT * FROM sqlite_master`],
    ['information_schema', () => `SELECT * FROM information_schema.tables`],
    ['pg_catalog', () => `SELECT * FROM pg_catalog.pg_class`],
    ['schema-qualified table', () => `SELECT * FROM main."${PUBLIC_ID}"`],
    ['catalog-qualified table', () => `SELECT * FROM memory.main."${PUBLIC_ID}"`],
    ['two statements', () => `SELECT 1; SELECT 2`],
    ['SELECT then DROP', () => `SELECT 1; DROP VIEW "${PUBLIC_ID}"`],
    ['DROP', () => `DROP VIEW "${PUBLIC_ID}"`],
    ['CREATE TABLE AS', () => `CREATE TABLE t AS SELECT * FROM "${PUBLIC_ID}"`],
    ['INSERT', () => `INSERT INTO "${PUBLIC_ID}" VALUES (1)`],
    ['UPDATE', () => `UPDATE "${PUBLIC_ID}" SET "縣市" = 'x'`],
    ['COPY TO a file', () => `COPY (SELECT * FROM "${PUBLIC_ID}") TO '${tables.dir}/out.csv'`],
    ['ATTACH', () => `ATTACH '${tables.dir}/x.duckdb' AS x`],
    ['INSTALL', () => `INSTALL httpfs`],
    ['LOAD', () => `LOAD httpfs`],
    ['PRAGMA', () => `PRAGMA database_list`],
    ['SET', () => `SET enable_external_access = true`],
    ['CALL', () => `CALL pragma_version()`],
    ['EXPORT DATABASE', () => `EXPORT DATABASE '${tables.dir}/dump'`],
    ['query parameter', () => `SELECT * FROM "${PUBLIC_ID}" WHERE "縣市" = $1`],
    ['time travel', () => `SELECT * FROM "${PUBLIC_ID}" AT (VERSION => 1)`],
    ['syntax error', () => `SELEC * FROM "${PUBLIC_ID}"`],
    ['empty', () => `   `],
  ];
  for (const [name, sql] of attacks) {
    test(`refuses: ${name}`, async () => {
      await refused(sql());
    });
  }

  test('nothing was written by the refused statements', async () => {
    const { readdir } = await import('node:fs/promises');
    const files = (await readdir(tables.dir)).sort();
    assert.deepEqual(files, ['counties.parquet', 'population.parquet', 'private.parquet', 'secret.txt']);
  });

  test('a runaway query is interrupted at the timeout', async () => {
    const quick = await createSqlSandbox({ timeoutMs: 300 });
    try {
      const from = Array.from({ length: 12 }, (_, i) => `"${PUBLIC_ID}" t${i}`).join(', ');
      const started = performance.now();
      const err = await refused(`SELECT count(*) FROM ${from}`, quick);
      assert.ok(performance.now() - started < 3_000, 'took too long to stop');
      assert.equal(err.code, 'ODP_QUERY_TIMEOUT');
    } finally {
      await quick.close();
    }
  });

  test('a query over the memory cap fails cleanly', async () => {
    const tight = await createSqlSandbox({ memoryLimit: '64MB', timeoutMs: 10_000 });
    try {
      const err = await refused(
        `SELECT string_agg(repeat('x', 1000000), '') FROM "${PUBLIC_ID}" a, "${PUBLIC_ID}" b, "${PUBLIC_ID}" c`,
        tight,
      );
      assert.equal(err.code, 'ODP_SQL_MEMORY');
    } finally {
      await tight.close();
    }
  });

  test('overlong SQL is refused before parsing', async () => {
    await refused(`SELECT 1 ${' '.repeat(60_000)}`);
  });
});
