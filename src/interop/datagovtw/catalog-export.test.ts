import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Activity, Dataset } from '../../catalog/types.ts';
import { parseCsv } from '../csv.ts';
import { parseDataGovTwCsv, parseDataGovTwJson, parseDataGovTwXml } from '../harvest/datagovtw-files.ts';
import { demoDatasets, TOURISM_BUREAU } from '../test-support/demo-catalog.ts';
import { DATAGOVTW_COLUMNS, dataGovTwCsv, dataGovTwJson, dataGovTwXml } from './catalog-export.ts';
import { dailyChangeList } from './change-list.ts';

async function* each(ds: Dataset[]): AsyncGenerator<Dataset> {
  yield* ds;
}
const collect = async (gen: AsyncGenerator<string>) => {
  let s = '';
  for await (const chunk of gen) s += chunk;
  return s;
};
const orgOf = () => TOURISM_BUREAU;

describe('data.gov.tw 22-column catalogue export', () => {
  const datasets = demoDatasets(5);

  it('writes CSV with a BOM, the 22 columns and ";"-joined resource values', async () => {
    const csv = await collect(dataGovTwCsv(each(datasets), orgOf));
    assert.ok(csv.startsWith('\uFEFF資料集識別碼,資料集名稱,資料提供屬性,服務分類,'));
    const [header, first] = parseCsv(csv);
    assert.deepEqual(header, [...DATAGOVTW_COLUMNS]);
    const row = Object.fromEntries(header.map((h, i) => [h, first?.[i] ?? '']));
    assert.equal(row.資料集識別碼, '315080000H-000001');
    assert.equal(row.服務分類, '公共資訊');
    assert.equal(row.檔案格式?.split(';').length, 12);
    assert.equal(row.更新頻率, '每月');
    assert.equal(row.授權方式, '政府資料開放授權條款-第1版');
    assert.equal(row.上架日期, '2015-08-12 16:40:36', 'Taiwan local time');
  });

  it('reads back through the data.gov.tw harvest parsers (CSV, JSON, XML) with the same content', async () => {
    const csv = parseDataGovTwCsv(await collect(dataGovTwCsv(each(datasets), orgOf)));
    const json = parseDataGovTwJson(`{"Record":${await collect(dataGovTwJson(each(datasets), orgOf))}}`);
    const xml = parseDataGovTwXml(await collect(dataGovTwXml(each(datasets), orgOf)));
    for (const records of [csv, json, xml]) {
      assert.equal(records.length, 5);
      records.forEach((rec, i) => {
        const d = datasets[i];
        assert.ok(d && 'input' in rec, JSON.stringify(rec));
        assert.equal(rec.remoteId, d.tw.identifier);
        assert.equal(rec.input.title, d.title);
        assert.equal(rec.input.tw.identifier, d.tw.identifier);
        assert.equal(rec.input.tw.serviceCategory, d.tw.serviceCategory);
        assert.equal(rec.input.tw.updateFrequency, d.tw.updateFrequency);
        assert.equal(rec.input.licenseId, d.licenseId);
        assert.equal(rec.input.issued, d.created);
        assert.deepEqual(
          rec.input.resources.map((r) => [r.url, r.format, r.encoding]),
          d.resources.map((r) => [r.url, r.format, r.encoding]),
        );
      });
    }
  });

  it('escapes XML special characters and drops characters XML cannot hold', async () => {
    const [d] = demoDatasets(1);
    assert.ok(d);
    d.title = 'A & B <c>\u0001';
    const xml = await collect(dataGovTwXml(each([d]), orgOf));
    assert.match(xml, /<資料集名稱>A &amp; B &lt;c&gt;<\/資料集名稱>/);
  });
});

describe('daily change list', () => {
  const act = (timestamp: string, objectId: string, activityType: string, title = objectId): Activity => ({
    id: `${objectId}-${timestamp}`,
    timestamp,
    userId: null,
    objectId,
    objectType: 'dataset',
    activityType,
    data: { id: objectId, name: objectId, title },
  });
  // 2026-11-29 in Taiwan is 2026-11-28T16:00Z .. 2026-11-29T16:00Z.
  const rows: Activity[] = [
    act('2026-11-28T15:59:59.000Z', 'yesterday', 'new package'),
    act('2026-11-28T16:00:00.000Z', 'fresh', 'new package'),
    act('2026-11-29T03:00:00.000Z', 'fresh', 'changed package', 'fresh v2'),
    act('2026-11-29T04:00:00.000Z', 'edited', 'changed package'),
    act('2026-11-29T05:00:00.000Z', 'gone', 'changed package'),
    act('2026-11-29T06:00:00.000Z', 'gone', 'deleted package'),
    act('2026-11-29T07:00:00.000Z', 'blip', 'new package'),
    act('2026-11-29T08:00:00.000Z', 'blip', 'deleted package'),
    act('2026-11-29T16:00:00.000Z', 'tomorrow', 'changed package'),
  ];

  it('lists each dataset once by its net effect on the Taiwan calendar day', () => {
    const list = dailyChangeList(rows, '2026-11-29');
    assert.deepEqual(
      list.added.map((e) => [e.datasetId, e.title]),
      [['fresh', 'fresh v2']],
    );
    assert.deepEqual(
      list.changed.map((e) => e.datasetId),
      ['edited'],
    );
    assert.deepEqual(
      list.deleted.map((e) => e.datasetId),
      ['gone'],
    );
  });

  it('rejects a malformed date', () => {
    assert.throws(() => dailyChangeList(rows, '2026-13-45'), RangeError);
  });
});
