import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { OdpError } from '../platform/errors.ts';
import { createDatastoreEngine, type DatastoreEngine } from './engine.ts';
import { COUNTY_COLUMNS, COUNTY_SELECT, createTestTables, type TestTables } from './engine-test-tables.ts';
import { aggregateTable } from './query-aggregate.ts';
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

describe('aggregateTable', () => {
  test('groups by a label and computes count, sum, avg, min, max, biggest first', async () => {
    const result = await aggregateTable(engine, counties, {
      groupBy: ['縣市'],
      metrics: [
        { op: 'sum', field: '金額' },
        { op: 'count' },
        { op: 'avg', field: '成長率' },
        { op: 'max', field: '日期' },
      ],
    });
    assert.deepEqual(
      result.fields.map((f) => [f.id, f.type]),
      [
        ['縣市', 'text'],
        ['sum(金額)', 'int'],
        ['count', 'int'],
        ['avg(成長率)', 'numeric'],
        ['max(日期)', 'date'],
      ],
    );
    assert.deepEqual(result.records[0], {
      縣市: '臺北市',
      'sum(金額)': 9600,
      count: 3,
      'avg(成長率)': 36.416666666666664,
      'max(日期)': '2024-02-10',
    });
    assert.deepEqual(
      result.records.map((r) => r.縣市),
      ['臺北市', '新北市', '臺中市', '高雄市'],
    );
    assert.equal(result.groups_truncated, false);
  });

  test('applies filters, sorts by an output column and caps groups', async () => {
    const result = await aggregateTable(engine, counties, {
      groupBy: ['縣市', '是否公開'],
      metrics: [{ op: 'count' }],
      filters: { 縣市: ['臺北市', '高雄市'] },
      sort: '縣市 asc',
      limit: 2,
    });
    assert.equal(result.records.length, 2);
    assert.equal(result.groups_truncated, true);
    assert.equal(result.records[0]?.縣市, '臺北市');
  });

  test('a total without groups', async () => {
    const result = await aggregateTable(engine, counties, {
      metrics: [{ op: 'min', field: '金額' }, { op: 'count' }],
    });
    assert.deepEqual(result.records, [{ 'min(金額)': -150, count: 6 }]);
  });

  test('refuses unknown fields and sums of text', async () => {
    await assert.rejects(
      aggregateTable(engine, counties, { groupBy: ['人口'], metrics: [{ op: 'sum', field: '縣市' }] }),
      (err: unknown) =>
        err instanceof OdpError &&
        err.fields.group_by?.[0] === 'invalid value "人口"' &&
        /sum needs a number field/.test(err.fields.metrics?.[0] ?? ''),
    );
  });
});
