import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDatastoreEngine, type DatastoreEngine } from './engine.ts';
import { createTestTables, type TestTables } from './engine-test-tables.ts';
import { searchTable } from './query.ts';
import { aggregateTable } from './query-aggregate.ts';
import type { DatastoreTable } from './query-fields.ts';
import type { SearchInput } from './query-params.ts';

let tables: TestTables;
let big: DatastoreTable;
let other: DatastoreTable;
let small: DatastoreTable;

const COLUMNS: Array<[string, string, 'text' | 'integer' | 'date']> = [
  ['c1', '縣市', 'text'],
  ['c2', '金額', 'integer'],
  ['c3', '日期', 'date'],
  ['c4', '備註', 'text'],
];
const rowsSelect = (n: number, salt: number): string => `SELECT
    (['臺北市', '新北市', '臺中市', '高雄市'])[1 + (hash(i + ${salt}) % 4)::INT] AS c1,
    (hash(i * 7 + ${salt}) % 1000)::BIGINT AS c2,
    DATE '2020-01-01' + (hash(i * 13) % 400)::INT AS c3,
    CASE WHEN i % 9 = 0 THEN NULL ELSE 'Note ' || (i % 50)::VARCHAR END AS c4
  FROM range(${n}) t(i)`;

before(async () => {
  tables = await createTestTables();
  big = await tables.write('big', rowsSelect(30_000, 0), COLUMNS);
  other = await tables.write('other', rowsSelect(30_000, 5), COLUMNS);
  small = await tables.write('small', rowsSelect(50, 0), COLUMNS);
});
after(() => tables.cleanup());

const ref = (t: DatastoreTable) => ({ parquetPath: t.parquetPath, rowCount: t.schema.rowCount });

const SEARCHES: SearchInput[] = [
  { filters: { 縣市: '臺中市' }, sort: '金額 desc', limit: 7, offset: 3 },
  { filters: { 縣市: ['臺北市', '高雄市'], 日期: '2020-02-01' }, sort: '_id desc', limit: 5 },
  { q: 'note 4', sort: '日期 asc, 金額 desc', limit: 10, offset: 20 },
  { q: { 備註: 'NOTE 1' }, filters: { 備註: null }, limit: 3 },
  { fields: ['縣市'], distinct: true, sort: '縣市' },
  { filters: { _id: [5, 10, 29_999] } },
  { sort: '金額 asc', limit: 2000, offset: 100, records_format: 'lists' },
];

describe('hot-table cache', () => {
  let plain: DatastoreEngine;
  let cached: DatastoreEngine;
  before(async () => {
    plain = await createDatastoreEngine({ threads: 1, cacheBytes: 0 });
    cached = await createDatastoreEngine({ threads: 1, cacheMinRows: 1000 });
  });
  after(async () => {
    await plain.close();
    await cached.close();
  });

  test('answers searches and aggregates exactly as the Parquet file does', async () => {
    assert.equal(await cached.warm(ref(big)), true);
    assert.equal(cached.cacheStats().tables, 1);
    assert.ok(cached.cacheStats().bytes > 0);
    for (const input of SEARCHES) {
      assert.deepEqual(
        await searchTable(cached, big, input),
        await searchTable(plain, big, input),
        JSON.stringify(input),
      );
    }
    const aggregate = {
      groupBy: ['縣市'],
      metrics: [{ op: 'count' as const }, { op: 'sum' as const, field: '金額' }],
    };
    const expected = await aggregateTable(plain, big, aggregate);
    assert.deepEqual(await aggregateTable(cached, big, aggregate), expected);
    assert.equal(expected.records.length, 4);
  });

  test('copies a table on its second use, reading the file until the copy is built', async () => {
    const seen: Array<string | null> = [];
    const use = () => cached.withTable(ref(other), async (source) => void seen.push(source));
    const builds = cached.cacheStats().builds;
    await use();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(cached.cacheStats().builds, builds, 'one look is not worth a copy');
    await use();
    for (let waited = 0; cached.cacheStats().builds === builds && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await use();
    assert.deepEqual(seen.slice(0, 2), [null, null], 'no query waits for a copy');
    assert.match(String(seen[2]), /^odp_hot\.t_[0-9a-f]+$/);
  });

  test('leaves small tables in Parquet', async () => {
    assert.equal(await cached.warm(ref(small)), false);
    const result = await searchTable(cached, small, { sort: '金額 desc', limit: 3 });
    assert.equal(result.total, 50);
  });
});

describe('sorted pages on a large cached table', () => {
  test('match the Parquet file for every sort direction, NULL placement, type and offset', async () => {
    // Above the sort cut-off's 500,000-row floor; ties, NULLs, decimals and timestamps on purpose.
    const large = await tables.write(
      'large',
      `SELECT (['臺北市', '新北市', '臺中市'])[1 + (hash(i) % 3)::INT] AS c1,
              CASE WHEN i % 13 = 0 THEN NULL ELSE (hash(i * 7) % 5000)::BIGINT END AS c2,
              ((hash(i * 11) % 100000) / 100)::DECIMAL(10, 2) AS c3,
              CASE WHEN i % 17 = 0 THEN NULL ELSE TIMESTAMP '2020-01-01' + to_microseconds((hash(i * 3) % 10^12)::BIGINT) END AS c4,
              (hash(i * 5) % 1000)::DOUBLE / 7 AS c5
       FROM range(600000) t(i)`,
      [
        ['c1', '縣市', 'text'],
        ['c2', '數量', 'integer'],
        ['c3', '金額', 'decimal'],
        ['c4', '時間', 'timestamp'],
        ['c5', '比率', 'decimal'],
      ],
    );
    const plain = await createDatastoreEngine({ threads: 1, cacheBytes: 0 });
    const cached = await createDatastoreEngine({ threads: 1 });
    try {
      assert.equal(await cached.warm(ref(large)), true);
      const inputs: SearchInput[] = [
        { sort: '數量 desc', limit: 50, offset: 30 },
        { sort: '數量 asc nulls first', limit: 20 },
        { sort: '數量 desc nulls first', limit: 20, offset: 100 },
        { filters: { 縣市: '臺中市' }, sort: '金額 asc, 數量 desc', limit: 100, offset: 200 },
        { filters: { 縣市: ['臺北市', '新北市'] }, sort: '時間 desc', limit: 10 },
        { sort: '時間 asc nulls first', limit: 10, offset: 40_000 },
        { sort: '比率 desc', limit: 100 },
        { q: '臺', sort: '縣市 desc, 金額 desc', limit: 25, offset: 5 },
      ];
      for (const input of inputs) {
        const expected = await searchTable(plain, large, input);
        assert.deepEqual(await searchTable(cached, large, input), expected, JSON.stringify(input));
      }
    } finally {
      await plain.close();
      await cached.close();
    }
  });
});

describe('hot-table cache budget', () => {
  test('evicts the least recently used copy, never one in use', async () => {
    const probe = await createDatastoreEngine({ threads: 1, cacheMinRows: 1000 });
    await probe.warm(ref(big));
    const first = probe.cacheStats().bytes;
    // The second copy's growth: the first also pays the database file's own metadata blocks.
    await probe.warm(ref(other));
    const oneTable = probe.cacheStats().bytes - first;
    await probe.close();

    // Room for one copy only.
    const engine = await createDatastoreEngine({
      threads: 1,
      cacheMinRows: 1000,
      cacheBytes: oneTable * 1.5,
    });
    try {
      assert.equal(await engine.warm(ref(big)), true);
      await engine.withTable(ref(big), async (source) => {
        assert.ok(source);
        // Building a second copy while the first is in use must not drop the first under this query.
        assert.equal(await engine.warm(ref(other)), true);
        const rows = await engine.query(`SELECT count(*) FROM ${source}`);
        assert.equal(Number(rows.rows[0]?.[0]), 30_000);
        assert.equal(engine.cacheStats().evictions, 0);
        assert.equal(engine.cacheStats().tables, 2);
      });
      // Released and over budget: the least recently used copy goes; a third copy pushes out the second.
      const third = await tables.write('third', rowsSelect(30_000, 9), COLUMNS);
      assert.equal(await engine.warm(ref(third)), true);
      const stats = engine.cacheStats();
      assert.equal(stats.tables, 1);
      assert.equal(stats.evictions, 2);
      assert.ok(stats.bytes <= stats.budgetBytes, JSON.stringify(stats));
      const seen: Array<string | null> = [];
      for (const t of [big, other, third])
        await engine.withTable(ref(t), async (source) => void seen.push(source));
      assert.deepEqual(
        seen.map((s) => s !== null),
        [false, false, true],
      );
      // An evicted table still answers, from its Parquet file.
      const result = await searchTable(engine, big, { filters: { 縣市: '臺北市' }, limit: 1 });
      assert.ok((result.total ?? 0) > 5000);
    } finally {
      await engine.close();
    }
  });
});
