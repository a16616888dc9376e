import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { externalDatasetOf } from '../dataset-input.ts';
import { demoDatasets, TOURISM_BUREAU } from '../test-support/demo-catalog.ts';
import { fromDataGovTwPayload, toDataGovTwPayload } from './publish-api.ts';

/** A payload shaped like data.gov.tw's published metadata JSON. */
const payload = () => ({
  categoryService: 'I00',
  title: '政府資料開放平臺資料集清單',
  description: '集中列示於政府資料開放平臺之資料集詮釋資料',
  type: 'rawData',
  license: '1',
  cost: 'free',
  publisherOID: '2.16.886.101.20003.20082|數位發展部',
  publisherContactName: '陳先生',
  publisherContactPhone: '02-23800791#123',
  publisherContactEmail: 'opendata@moda.gov.tw',
  updateFrequency: { regularupdate: '1', Frequency: '1', unittime: '日' },
  coverageStartedDate: '2014-01-01',
  coverageEndedDate: '',
  publishedDate: '2013-11-01',
  modifiedDate: '2023-04-21 15:43:26',
  spatialCoverage: '臺灣',
  language: 'zh-TW',
  relatedUrl: 'https://data.gov.tw/datasets/datasets_download',
  keyword: ['資料集', '清單'],
  notes: '每日凌晨更新',
  distribution: [
    {
      resourceDescription: '資料集清單 CSV',
      resourceField: [{ name: '資料集識別碼', description: '' }],
      resourceFormat: 'csv',
      resourceCharacterEncoding: 'utf-8',
      resourceDownloadUrl: 'https://data.gov.tw/datasets/export/csv',
      resourceAmount: '52000',
    },
  ],
});

const codes = (json: unknown) => fromDataGovTwPayload(json).errors.map((e) => e.code);

describe('data.gov.tw publishing API v2 payloads', () => {
  it('maps a valid payload without errors', () => {
    const { input, errors } = fromDataGovTwPayload(payload());
    assert.deepEqual(errors, []);
    assert.equal(input.title, '政府資料開放平臺資料集清單');
    assert.equal(input.tw.serviceCategory, 'I00');
    assert.equal(input.tw.updateFrequency, 'daily');
    assert.equal(input.licenseId, 'gov-tw-1.0');
    assert.deepEqual(input.organization, {
      name: '',
      title: '數位發展部',
      govOid: '2.16.886.101.20003.20082',
      orgCode: '',
    });
    assert.equal(input.tw.provisionType, 'file');
    assert.equal(input.modified, '2023-04-21T07:43:26.000Z');
    assert.equal(input.tw.temporalStart, '2014-01-01');
    assert.deepEqual(input.tags, ['資料集', '清單']);
    assert.deepEqual(
      input.resources.map((r) => [r.format, r.encoding, r.url, r.recordCount, r.mimetype]),
      [['CSV', 'UTF-8', 'https://data.gov.tw/datasets/export/csv', 52000, 'text/csv']],
    );
  });

  it('reads the other update-frequency forms', () => {
    const f = (v: unknown) =>
      fromDataGovTwPayload({ ...payload(), updateFrequency: v }).input.tw.updateFrequency;
    assert.equal(f({ regularupdate: '0' }), 'irregular');
    assert.equal(f({ regularupdate: '2' }), 'never');
    assert.equal(f({ regularupdate: '1', Frequency: '3', unittime: '月' }), 'quarterly');
    assert.equal(f({ regularupdate: '1', Frequency: '1', unittime: '季' }), 'quarterly');
    assert.equal(f('每年'), 'annual');
  });

  it('reports each problem with its code, all at once', () => {
    assert.deepEqual(codes('nope'), ['ER0003']);
    assert.deepEqual(codes({ ...payload(), title: '' }), ['ER0011']);
    assert.deepEqual(codes({ ...payload(), title: 'x'.repeat(501) }), ['ER0012']);
    assert.deepEqual(codes({ ...payload(), description: '' }), ['ER0021']);
    assert.deepEqual(codes({ ...payload(), categoryService: '' }), ['ER0031']);
    assert.deepEqual(codes({ ...payload(), categoryService: 'Z99' }), ['ER0032']);
    assert.deepEqual(codes({ ...payload(), publisherOID: '' }), ['ER0041']);
    assert.deepEqual(codes({ ...payload(), publisherOID: '數位發展部' }), ['ER0042']);
    assert.deepEqual(codes({ ...payload(), updateFrequency: undefined }), ['ER0051']);
    assert.deepEqual(
      codes({ ...payload(), updateFrequency: { regularupdate: '1', Frequency: '7', unittime: '年' } }),
      ['ER0052'],
    );
    assert.deepEqual(codes({ ...payload(), license: '99' }), ['ER0061']);
    assert.deepEqual(codes({ ...payload(), cost: 'cheap' }), ['ER0071']);
    assert.deepEqual(codes({ ...payload(), publisherContactEmail: 'not-mail' }), ['ER0072']);
    assert.deepEqual(codes({ ...payload(), publishedDate: '2023-02-30' }), ['ER0073']);
    assert.deepEqual(codes({ ...payload(), distribution: [] }), ['ER0081']);
    const dist = (d: object) => ({ ...payload(), distribution: [{ ...payload().distribution[0], ...d }] });
    assert.deepEqual(codes(dist({ resourceDownloadUrl: '' })), ['ER0083']);
    assert.deepEqual(codes(dist({ resourceDownloadUrl: 'file:///etc/passwd' })), ['ER0084']);
    assert.deepEqual(codes(dist({ resourceFormat: '' })), ['ER0085']);
    assert.deepEqual(codes(dist({ resourceAmount: 'many' })), ['ER0086']);
    assert.deepEqual(codes({ title: '', description: '', distribution: [] }).sort(), [
      'ER0011',
      'ER0021',
      'ER0031',
      'ER0041',
      'ER0051',
      'ER0081',
    ]);
  });

  it('round-trips a stored dataset through toDataGovTwPayload and back', () => {
    const [d] = demoDatasets(1);
    assert.ok(d);
    d.tags = ['會計'];
    const { input, errors } = fromDataGovTwPayload(
      JSON.parse(JSON.stringify(toDataGovTwPayload(d, TOURISM_BUREAU))),
    );
    assert.deepEqual(errors, []);
    const want = externalDatasetOf(d, TOURISM_BUREAU);
    assert.equal(input.title, want.title);
    assert.equal(input.notes, want.notes);
    assert.deepEqual(input.tw, want.tw);
    assert.equal(input.licenseId, want.licenseId);
    assert.deepEqual(input.tags, want.tags);
    assert.equal(input.issued, want.issued);
    assert.equal(input.modified, want.modified);
    assert.equal(input.organization?.govOid, TOURISM_BUREAU.govOid);
    assert.deepEqual(
      input.resources.map((r) => [r.url, r.format, r.encoding, r.recordCount]),
      want.resources.map((r) => [r.url, r.format, r.encoding, r.recordCount]),
    );
  });
});
