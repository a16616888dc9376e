import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import * as XLSX from '@e965/xlsx';
import { OdpError } from '../platform/errors.ts';
import { createDatastoreEngine, type DatastoreEngine, sqlString } from './engine.ts';
import { COUNTY_COLUMNS, COUNTY_SELECT, createTestTables, type TestTables } from './engine-test-tables.ts';
import { type ExportOptions, exportContentType, exportTable } from './export.ts';
import { encodeBig5 } from './export-big5.ts';
import type { DatastoreTable } from './query-fields.ts';

let engine: DatastoreEngine;
let tables: TestTables;
let counties: DatastoreTable;
let tricky: DatastoreTable;

before(async () => {
  engine = await createDatastoreEngine({ threads: 1 });
  tables = await createTestTables();
  counties = await tables.write('counties', COUNTY_SELECT, COUNTY_COLUMNS);
  tricky = await tables.write(
    'tricky',
    `SELECT * FROM (VALUES
      ('=HYPERLINK("http://evil")', -150, 'a,b'),
      ('+886', -3, 'say "hi"'),
      ('@SUM(A1)', 0, 'line1\nline2'),
      ('-x', 5, '𡘙 堃 ok')) t(t1, t2, t3)`,
    [
      ['t1', '名稱', 'text'],
      ['t2', '數值', 'integer'],
      ['t3', '備註', 'text'],
    ],
  );
});
after(async () => {
  await engine.close();
  await tables.cleanup();
});

async function collect(
  table: DatastoreTable,
  options: ExportOptions,
): Promise<{ bytes: Buffer; chunks: number }> {
  const parts: Buffer[] = [];
  for await (const part of exportTable(engine, table, options)) parts.push(part);
  return { bytes: Buffer.concat(parts), chunks: parts.length };
}

describe('exportTable', () => {
  test('CSV: UTF-8 BOM, label headers, formulas neutralized, negative numbers untouched, quoting', async () => {
    const { bytes } = await collect(tricky, { format: 'csv' });
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(
      bytes.toString('utf8').slice(1),
      [
        '名稱,數值,備註',
        `"'=HYPERLINK(""http://evil"")",-150,"a,b"`,
        `'+886,-3,"say ""hi"""`,
        `'@SUM(A1),0,"line1\nline2"`,
        `'-x,5,𡘙 堃 ok`,
        '',
      ].join('\r\n'),
    );
  });

  test('CSV with a selection: filters, fields and sort like datastore_search', async () => {
    const { bytes } = await collect(counties, {
      format: 'csv',
      selection: { filters: { 縣市: '臺北市' }, fields: ['鄉鎮市區', '金額'], sort: '金額 desc' },
    });
    assert.equal(
      bytes.toString('utf8'),
      '\uFEFF鄉鎮市區,金額\r\n信義區,5000\r\n大安區,3400\r\n中正區,1200\r\n',
    );
  });

  test('CSV in Big5 (CP950) for old Excel: Chinese readable, unmappable characters as &#NNNN;', async () => {
    const { bytes } = await collect(tricky, {
      format: 'csv',
      encoding: 'big5',
      selection: { fields: ['備註'] },
    });
    const text = new TextDecoder('big5', { fatal: true }).decode(bytes);
    assert.ok(text.startsWith('備註\r\n'), text);
    assert.ok(text.includes(`&#${'𡘙'.codePointAt(0)}; `), text);
    assert.ok(text.includes('ok'), text);
    assert.equal(
      new TextDecoder('big5').decode(encodeBig5('臺北市信義區，人口：１２３')),
      '臺北市信義區，人口：１２３',
    );
    assert.equal(exportContentType({ format: 'csv', encoding: 'big5' }), 'text/csv; charset=big5');
  });

  test('TSV: tabs and line breaks inside cells become spaces', async () => {
    const { bytes } = await collect(tricky, { format: 'tsv', selection: { fields: ['備註', '數值'] } });
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    assert.equal(lines[0], '備註\t數值');
    assert.equal(lines[3], 'line1 line2\t0');
  });

  test('JSON: an array of objects keyed by label with typed values', async () => {
    const { bytes } = await collect(counties, { format: 'json', selection: { filters: { 縣市: '高雄市' } } });
    assert.deepEqual(JSON.parse(bytes.toString('utf8')), [
      { 縣市: '高雄市', 鄉鎮市區: '苓雅區', 金額: -150, 成長率: 0.75, 日期: '2023-12-31', 是否公開: false },
    ]);
    const empty = await collect(counties, { format: 'json', selection: { filters: { 縣市: '火星' } } });
    assert.deepEqual(JSON.parse(empty.bytes.toString('utf8')), []);
  });

  test('XLSX: label headers, numbers as numbers, formulas neutralized', async () => {
    const { bytes } = await collect(tricky, { format: 'xlsx' });
    const workbook = XLSX.read(bytes, { type: 'buffer' });
    const sheet = workbook.Sheets[workbook.SheetNames[0] as string];
    assert.ok(sheet);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
    assert.deepEqual(rows[0], ['名稱', '數值', '備註']);
    assert.deepEqual(rows[1], ['\'=HYPERLINK("http://evil")', -150, 'a,b']);
    assert.equal(sheet.A2?.f, undefined);
    assert.equal(sheet.B2?.t, 'n');
  });

  test('XLSX over the row cap fails with a clear error before any byte', async () => {
    await assert.rejects(
      collect(counties, { format: 'xlsx', xlsxMaxRows: 5 }),
      (err: unknown) =>
        err instanceof OdpError && err.code === 'ODP_EXPORT_TOO_MANY_ROWS' && /6/.test(err.message),
    );
  });

  test('Parquet: columns named by label, selection applied', async () => {
    const { bytes } = await collect(counties, {
      format: 'parquet',
      selection: { filters: { 是否公開: true }, sort: '金額' },
    });
    const file = join(tables.dir, 'download.parquet');
    await writeFile(file, bytes);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      `SELECT "縣市", "金額" FROM read_parquet(${sqlString(file)})`,
    );
    assert.deepEqual(reader.getRowsJson(), [
      ['臺北市', 1200],
      ['新北市', 2500],
      ['臺北市', 5000],
    ]);
    connection.closeSync();
    instance.closeSync();
  });

  test('streams a large table in many chunks instead of one big buffer', async () => {
    const big = await tables.write('big', `SELECT i AS b1, 'row ' || i AS b2 FROM range(100000) t(i)`, [
      ['b1', '序號', 'integer'],
      ['b2', '內容', 'text'],
    ]);
    const { bytes, chunks } = await collect(big, { format: 'csv' });
    assert.ok(chunks > 20, `only ${chunks} chunks`);
    assert.equal(bytes.toString('utf8').split('\r\n').length, 100002);
  });

  test('an unknown field is refused before streaming', async () => {
    await assert.rejects(
      collect(counties, { format: 'csv', selection: { fields: ['人口'] } }),
      (err: unknown) => err instanceof OdpError && err.fields.fields?.[0] === 'invalid value "人口"',
    );
  });
});
