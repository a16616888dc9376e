import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { OdpError } from '../platform/errors.ts';
import { createDatastoreEngine, type DatastoreEngine } from './engine.ts';
import { COUNTY_COLUMNS, COUNTY_SELECT, createTestTables, type TestTables } from './engine-test-tables.ts';
import { searchTable } from './query.ts';
import type { DatastoreTable } from './query-fields.ts';

let engine: DatastoreEngine;
let tables: TestTables;
let counties: DatastoreTable;

before(async () => {
  engine = await createDatastoreEngine({ threads: 1 });
  tables = await createTestTables();
  counties = await tables.write('counties', COUNTY_SELECT, COUNTY_COLUMNS);
});
after(async () => {
  await engine.close();
  await tables.cleanup();
});

async function validationError(fn: () => Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof OdpError, String(err));
    assert.equal(err.kind, 'validation');
    return err.fields;
  }
  assert.fail('expected a validation error');
}

describe('searchTable', () => {
  test('returns every row with labelled fields, CKAN types and _id in file order', async () => {
    const result = await searchTable(engine, counties, {});
    assert.deepEqual(
      result.fields.map((f) => [f.id, f.type]),
      [
        ['_id', 'int'],
        ['縣市', 'text'],
        ['鄉鎮市區', 'text'],
        ['金額', 'int'],
        ['成長率', 'numeric'],
        ['日期', 'date'],
        ['是否公開', 'bool'],
      ],
    );
    assert.equal(result.total, 6);
    assert.equal(result.limit, 100);
    assert.equal(result.total_was_estimated, false);
    const records = result.records as Array<Record<string, unknown>>;
    assert.deepEqual(records[1], {
      _id: 2,
      縣市: '臺北市',
      鄉鎮市區: '大安區',
      金額: 3400,
      成長率: -3.25,
      日期: '2024-02-10',
      是否公開: false,
    });
    assert.equal(records[5]?.日期, null);
  });

  test('unfiltered total is the stored row count, not a scan', async () => {
    const lying = { ...counties, schema: { ...counties.schema, rowCount: 999 } };
    assert.equal((await searchTable(engine, lying, { limit: 1 })).total, 999);
    // With a filter the engine counts for real.
    assert.equal((await searchTable(engine, lying, { filters: { 縣市: '臺北市' } })).total, 3);
  });

  test('filters by label with one value or a list, typed columns compared as their type', async () => {
    const one = await searchTable(engine, counties, { filters: { 縣市: '臺北市' }, fields: ['鄉鎮市區'] });
    assert.deepEqual(one.records, [{ 鄉鎮市區: '中正區' }, { 鄉鎮市區: '大安區' }, { 鄉鎮市區: '信義區' }]);
    const many = await searchTable(engine, counties, {
      filters: JSON.stringify({ 縣市: ['新北市', '高雄市'] }),
    });
    assert.equal(many.total, 2);
    const byInt = await searchTable(engine, counties, { filters: { 金額: '-150' }, fields: '鄉鎮市區' });
    assert.deepEqual(byInt.records, [{ 鄉鎮市區: '苓雅區' }]);
    const byBool = await searchTable(engine, counties, { filters: { 是否公開: true } });
    assert.equal(byBool.total, 3);
    const byDate = await searchTable(engine, counties, { filters: { 日期: '2024-03-15' }, fields: ['縣市'] });
    assert.deepEqual(byDate.records, [{ 縣市: '新北市' }]);
    const byNull = await searchTable(engine, counties, { filters: { 成長率: null }, fields: ['縣市'] });
    assert.deepEqual(byNull.records, [{ 縣市: '臺中市' }]);
  });

  test('q finds Chinese substrings across the row; a dict q searches one field', async () => {
    const whole = await searchTable(engine, counties, { q: '大安' });
    assert.equal(whole.total, 1);
    const twoTerms = await searchTable(engine, counties, { q: '臺北市 信義', fields: ['鄉鎮市區'] });
    assert.deepEqual(twoTerms.records, [{ 鄉鎮市區: '信義區' }]);
    const perField = await searchTable(engine, counties, { q: { 鄉鎮市區: '區' }, include_total: true });
    assert.equal(perField.total, 6);
    const none = await searchTable(engine, counties, { q: { 縣市: '大安' } });
    assert.equal(none.total, 0);
  });

  test('q matches numbers, dates, booleans and any letter case exactly as the whole row text does', async () => {
    const mixed = await tables.write(
      'mixed',
      `SELECT * FROM (VALUES
        ('Taipei City 臺北市', 2024, -3.25::DECIMAL(10,2), DATE '2024-02-10', true, TIMESTAMP '2024-02-10 12:30:00'),
        ('ÅNGSTRÖM Lab', -15, 0.5::DECIMAL(10,2), NULL, false, NULL),
        (NULL, NULL, NULL, DATE '1999-12-31', NULL, TIMESTAMP '1999-12-31 23:59:59'),
        ('新北市 Ⅳ區', 7, 12.00::DECIMAL(10,2), DATE '2023-07-01', true, NULL)
      ) t(c1, c2, c3, c4, c5, c6)`,
      [
        ['c1', '名稱', 'text'],
        ['c2', '年', 'integer'],
        ['c3', '值', 'decimal'],
        ['c4', '日期', 'date'],
        ['c5', '有效', 'boolean'],
        ['c6', '時間', 'timestamp'],
      ],
    );
    const rowText = `lower(concat_ws(' ', ${['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((c) => `CAST(${c} AS VARCHAR)`).join(', ')}))`;
    const terms = [
      'taipei',
      'TAIPEI',
      'ångström',
      'lab',
      '2024',
      '-3.25',
      '0.5',
      '2024-02',
      '12:30',
      'true',
      'fals',
    ];
    for (const term of [...terms, '臺北', '北市', 'ⅳ', 'Ⅳ區', '1999', '-15', '23:59:59', 'nothing', '.00']) {
      const expected = await engine.query(
        `SELECT count(*) FROM read_parquet('${mixed.parquetPath}') WHERE contains(${rowText}, lower($1))`,
        [term],
      );
      const result = await searchTable(engine, mixed, { q: term });
      assert.equal(result.total, Number(expected.rows[0]?.[0]), `q=${term}`);
    }
    assert.equal((await searchTable(engine, mixed, { q: 'taipei 2024-02-10 TRUE' })).total, 1);
    assert.equal((await searchTable(engine, mixed, { q: { 年: '20' } })).total, 1);
    assert.equal((await searchTable(engine, mixed, { q: { 年: '臺北' } })).total, 0);
  });

  test('fields keep the requested order; sort handles several clauses and quoted labels', async () => {
    const result = await searchTable(engine, counties, {
      fields: '金額, 縣市',
      sort: '"縣市" desc, 金額 asc',
      records_format: 'lists',
    });
    assert.deepEqual(
      result.fields.map((f) => f.id),
      ['金額', '縣市'],
    );
    assert.deepEqual(result.records, [
      [-150, '高雄市'],
      [1200, '臺北市'],
      [3400, '臺北市'],
      [5000, '臺北市'],
      [800, '臺中市'],
      [2500, '新北市'],
    ]);
  });

  test('distinct, limit, offset and include_total=false', async () => {
    const distinct = await searchTable(engine, counties, { fields: ['縣市'], distinct: true, sort: '縣市' });
    assert.equal(distinct.total, 4);
    const page = await searchTable(engine, counties, {
      sort: '金額 desc',
      limit: '2',
      offset: 1,
      include_total: 'false',
      fields: ['金額'],
    });
    assert.deepEqual(page.records, [{ 金額: 3400 }, { 金額: 2500 }]);
    assert.equal(page.total, undefined);
    const clamped = await searchTable(engine, counties, { limit: 50000 });
    assert.equal(clamped.limit, 32000);
  });

  test('csv and tsv records quote what needs quoting', async () => {
    const csv = await searchTable(engine, counties, {
      fields: ['縣市', '成長率'],
      records_format: 'csv',
      limit: 2,
    });
    assert.equal(csv.records, '臺北市,12.5\r\n臺北市,-3.25');
    const tsv = await searchTable(engine, counties, {
      fields: ['鄉鎮市區', '金額'],
      records_format: 'tsv',
      limit: 1,
    });
    assert.equal(tsv.records, '中正區\t1200');
  });

  test('rejects bad input with CKAN messages', async () => {
    assert.deepEqual(await validationError(() => searchTable(engine, counties, { limit: -1 })), {
      limit: ['Must be a natural number'],
    });
    assert.deepEqual(await validationError(() => searchTable(engine, counties, { offset: 'abc' })), {
      offset: ['Invalid integer'],
    });
    assert.deepEqual(
      await validationError(() => searchTable(engine, counties, { fields: ['縣市', '人口'] })),
      {
        fields: ['invalid value "人口"'],
      },
    );
    assert.deepEqual(await validationError(() => searchTable(engine, counties, { sort: '人口 desc' })), {
      sort: ['invalid value "人口 desc"'],
    });
    assert.deepEqual(await validationError(() => searchTable(engine, counties, { sort: '縣市 sideways' })), {
      sort: ['invalid value "縣市 sideways"'],
    });
    assert.deepEqual(await validationError(() => searchTable(engine, counties, { filters: { 人口: 1 } })), {
      filters: ['invalid value "人口"'],
    });
    assert.deepEqual(await validationError(() => searchTable(engine, counties, { filters: '[1]' })), {
      filters: ['Not a json object'],
    });
    assert.deepEqual(await validationError(() => searchTable(engine, counties, { records_format: 'xml' })), {
      records_format: ["Value must be one of ['objects', 'lists', 'csv', 'tsv']"],
    });
    const typed = await validationError(() => searchTable(engine, counties, { filters: { 金額: '一千' } }));
    assert.match(typed.filters?.[0] ?? '', /金額/);
  });

  test('user text is data, never SQL: injection attempts match nothing and break nothing', async () => {
    for (const evil of ["x' OR '1'='1", '"; DROP TABLE t; --', "') UNION SELECT 1 --"]) {
      const byFilter = await searchTable(engine, counties, { filters: { 縣市: evil } });
      assert.equal(byFilter.total, 0);
      const byQ = await searchTable(engine, counties, { q: evil });
      assert.equal(byQ.total, 0);
    }
    const quoted = await validationError(() => searchTable(engine, counties, { sort: '縣市" desc; --' }));
    assert.ok(quoted.sort);
  });

  test('sorted pages are stable: ties broken by row order, pages join up without gaps', async () => {
    const pages: unknown[] = [];
    for (let offset = 0; offset < 6; offset += 2) {
      const page = await searchTable(engine, counties, { sort: '縣市', fields: ['_id'], limit: 2, offset });
      pages.push(...(page.records as Array<{ _id: number }>).map((r) => r._id));
    }
    assert.deepEqual(pages, [3, 4, 1, 2, 6, 5]);
    const big = await searchTable(engine, counties, { sort: '縣市', fields: ['_id'], limit: 5000 });
    assert.deepEqual(
      (big.records as Array<{ _id: number }>).map((r) => r._id),
      pages,
    );
  });

  test('labels that repeat stay addressable with a numbered suffix', async () => {
    const dup = await tables.write('dup', 'SELECT 1 AS a, 2 AS b', [
      ['a', '數量', 'integer'],
      ['b', '數量', 'integer'],
    ]);
    const result = await searchTable(engine, dup, { fields: ['數量', '數量_2'] });
    assert.deepEqual(result.records, [{ 數量: 1, 數量_2: 2 }]);
  });
});
