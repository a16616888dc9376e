import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { ExternalDataset, HarvestRecord } from '../dataset-input.ts';
import { FIXTURES } from '../test-support/demo-catalog.ts';
import {
  parseDataGovTwStatsCsv,
  parseTaichungCsv,
  parseTaoyuanCsv,
  parseTaoyuanXls,
  parseYilanCsv,
} from './city-catalogs.ts';
import { parseCkanResponse } from './ckan.ts';
import {
  parseDataGovTwCsv,
  parseDataGovTwJson,
  parseDataGovTwXlsx,
  parseDataGovTwXml,
} from './datagovtw-files.ts';

const file = (name: string) => readFileSync(resolve(FIXTURES, 'real', name));
const text = (name: string) => file(name).toString('utf8');
const ok = (records: HarvestRecord[]) =>
  records.flatMap((r) => ('input' in r ? [{ remoteId: r.remoteId, input: r.input }] : []));
const errors = (records: HarvestRecord[]) => records.flatMap((r) => ('error' in r ? [r.error] : []));
const byId = (records: HarvestRecord[], id: string): ExternalDataset => {
  const hit = ok(records).find((r) => r.remoteId === id);
  assert.ok(hit, `record ${id}`);
  return hit.input;
};

describe('data.gov.tw catalogue exports', () => {
  const csv = parseDataGovTwCsv(text('catalog/datasets_list.csv'));
  const json = parseDataGovTwJson(text('catalog/datasets_list.json'));
  const xml = parseDataGovTwXml(text('catalog/datasets_list.xml'));
  const xlsx = parseDataGovTwXlsx(file('catalog/datasets_list.xlsx'));

  it('reads all 74 tourism-bureau datasets from each of CSV, JSON, XML and XLSX', () => {
    for (const records of [csv, json, xml, xlsx]) {
      assert.equal(records.length, 74);
      assert.deepEqual(errors(records), []);
    }
  });

  it('agrees across the four formats on ids, titles and download URLs', () => {
    // The portal's CSV and XLSX exports dropped the spaces the JSON and XML keep ("景點 - 觀光資訊資料庫").
    const key = (r: HarvestRecord[]) =>
      ok(r).map((x) =>
        `${x.remoteId}|${x.input.title}|${x.input.resources.map((res) => res.url).join('|')}`.replace(
          /\s+/g,
          '',
        ),
      );
    assert.deepEqual(key(json), key(csv));
    assert.deepEqual(key(xml), key(csv));
    assert.deepEqual(key(xlsx), key(csv));
  });

  it('splits multi-valued cells into resources and maps the profile', () => {
    const d = byId(csv, '19733');
    assert.equal(d.title, '交通部觀光局104年度會計報告');
    assert.equal(d.resources.length, 12);
    assert.ok(d.resources.every((r) => r.format === 'XML' && r.encoding === 'UTF-8'));
    assert.equal(d.tw.serviceCategory, 'I00');
    assert.equal(d.tw.updateFrequency, 'monthly');
    assert.equal(d.licenseId, 'gov-tw-1.0');
    assert.equal(d.tw.contactPhone, '02-23491500#8922');
    assert.equal(d.organization?.title, '交通部觀光局');
    assert.equal(d.issued, '2015-08-12T08:40:36.000Z', 'Taiwan time (UTC+8) to UTC');
    assert.equal(d.modified, '2016-05-24T01:39:03.000Z');
  });

  it('maps every frequency and category the export uses', () => {
    for (const { input } of ok(csv)) {
      assert.notEqual(input.tw.updateFrequency, '', input.title);
      assert.notEqual(input.tw.serviceCategory, '', input.title);
      assert.equal(input.licenseId, 'gov-tw-1.0', `${input.title}: both dash spellings of the license`);
    }
  });

  it('keeps bad records as errors without stopping the run', () => {
    const broken = `${text('catalog/datasets_list.csv').split('\n')[0]}\n1,,I00\n2,有標題,公共資訊\n`;
    const records = parseDataGovTwCsv(broken);
    assert.equal(records.length, 2);
    assert.deepEqual(errors(records), ['record has no 資料集名稱 (title)']);
    assert.equal(ok(records)[0]?.input.title, '有標題');
  });
});

describe('city and county catalogues', () => {
  it('Taoyuan CSV: 1,444 datasets with agency codes unpacked', () => {
    const records = parseTaoyuanCsv(text('catalog/03_taoyuan.csv'));
    assert.equal(records.length, 1444);
    assert.deepEqual(errors(records), []);
    const d = byId(records, '1');
    assert.deepEqual(d.organization, { name: '', title: '社會局', govOid: '', orgCode: '380120000J' });
    assert.equal(d.tw.serviceCategory, 'E00', '"生活安全及品質 (144)" loses its count');
    assert.equal(d.resources[0]?.encoding, 'BIG5');
    const typo = ok(records).filter((r) => r.input.tw.serviceCategory === 'C00');
    assert.ok(typo.length >= 136, '購屋及遷徒 (sic) maps to C00');
  });

  it('Taoyuan XLS supply list: 1,429 datasets, float ids shown as integers', () => {
    const records = parseTaoyuanXls(file('catalog/桃園市政府開放資料供應清單.xls'));
    assert.equal(records.length, 1429);
    assert.deepEqual(errors(records), []);
    assert.equal(ok(records)[0]?.remoteId, '1');
  });

  it('Taichung CSV: 1,136 datasets, literal \\r\\n escapes undone', () => {
    const records = parseTaichungCsv(text('catalog/08_Taichung.csv'));
    assert.equal(records.length, 1136);
    assert.deepEqual(errors(records), []);
    const d = byId(records, '2');
    assert.equal(d.tw.fieldDescriptions, '序號、區域、醫事機構名稱、地址、電話');
    assert.equal(d.tw.spatial, '全臺中市');
    assert.equal(d.tw.serviceCategory, 'B00');
    const irregular = ok(records).filter((r) => r.input.tw.updateFrequency === 'irregular');
    assert.ok(irregular.length > 200, '不定期 and 不定時 both map to irregular');
  });

  it('Yilan CSV: 356 datasets decoded from Big5 (CP950)', () => {
    const records = parseYilanCsv(file('catalog/yilan.2018.03.20.OpenData.csv'));
    assert.equal(records.length, 356);
    assert.deepEqual(errors(records), []);
    const d = byId(records, '宜蘭縣最新人口數及戶數統計表');
    assert.equal(d.extras.department, '民政處');
    assert.equal(d.extras.section, '戶政科');
    assert.equal(d.tw.contactPhone, '(03)925-1000');
    assert.ok(
      ok(records).some((r) => JSON.stringify(r.input).includes('嫺')),
      'CP950-only character decoded',
    );
  });

  it('Yilan: bytes that are not Big5 fail loudly instead of producing mojibake', () => {
    assert.throws(() => parseYilanCsv(new Uint8Array([0x41, 0x81, 0x0a])), /not valid for encoding big5/);
  });

  it('data.gov.tw statistics export: 35,955 rows, 11 repeated agency/title pairs reported', () => {
    const records = parseDataGovTwStatsCsv(text('catalog/16-22_data_gov_download.csv'));
    assert.equal(records.length, 35955);
    assert.equal(errors(records).length, 11);
    assert.ok(errors(records).every((e) => e.startsWith('duplicate record')));
    const d = byId(records, '文化部/蒙藏補助團體私人情形季報表');
    assert.deepEqual(d.extras, { views: '7472', downloads: '1099', rating: '100' });
    assert.equal(d.issued, '2013-03-18');
  });
});

describe('CKAN package_search', () => {
  const records = parseCkanResponse(text('ckan/package_search.json'));

  it('reads the 10 packages of the first page', () => {
    assert.equal(records.length, 10);
    assert.deepEqual(errors(records), []);
  });

  it('maps license, organization, tags, trimmed e-mails and resources', () => {
    const d = byId(records, 'cf552d08-cee9-43bf-8c0f-3196a9311799');
    assert.equal(d.name, 'purchase-card-transactions');
    assert.equal(d.licenseId, 'uk-ogl');
    assert.deepEqual(d.organization, {
      name: 'birmingham-city-council',
      title: 'Birmingham City Council',
      govOid: '',
      orgCode: '',
    });
    assert.deepEqual(d.tags, ['payments', 'purchase card']);
    assert.equal(d.maintainerEmail, 'ian.martin@birmingham.gov.uk');
    assert.equal(d.resources.length, 45);
    assert.equal(d.resources[0]?.name, 'Purchase Card transactions - April 2014');
    assert.equal(d.issued, '2014-12-01T10:29:19.414Z');
  });

  it('guesses a missing format from the URL extension', () => {
    const all = ok(records).flatMap((r) => r.input.resources);
    assert.ok(all.every((r) => r.format !== '' || !/\.(xls|csv|pdf)$/i.test(r.url)));
  });

  it('reports a response without packages', () => {
    assert.equal(errors(parseCkanResponse('{"success":true,"result":{"count":0,"results":[]}}')).length, 1);
  });
});
