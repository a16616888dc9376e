import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TableSchema } from '../datastore/table-schema.ts';
import { dataPackage } from './datapackage.ts';
import { schemaOrgDataset, schemaOrgDescription } from './schema-org.ts';
import { demoDatasets, TOURISM_BUREAU } from './test-support/demo-catalog.ts';

const table: TableSchema = {
  name: '',
  columns: [
    { id: 'c1', label: '縣市', code: 'city', type: 'text', derivedFrom: null, note: '' },
    { id: 'c2', label: '人數', code: '', type: 'integer', derivedFrom: null, note: 'thousands' },
    { id: 'c3', label: '比率', code: '', type: 'decimal', derivedFrom: null, note: 'percent' },
    { id: 'c4', label: '是否', code: '', type: 'boolean', derivedFrom: null, note: '' },
    { id: 'c5', label: '日期', code: '', type: 'date', derivedFrom: null, note: 'roc-date' },
    { id: 'c5_iso', label: '日期 (ISO)', code: '', type: 'timestamp', derivedFrom: 'c5', note: '' },
  ],
  rowCount: 10,
  notes: [],
  subtotalColumn: null,
  encoding: 'big5',
  format: 'csv',
};

describe('schema.org Dataset', () => {
  it('describes a dataset with publisher, license, coverage and downloads', () => {
    const [d] = demoDatasets(1);
    assert.ok(d);
    d.tw.temporalStart = '2015-01-01';
    d.tw.spatial = '臺灣';
    const doc = schemaOrgDataset(d, TOURISM_BUREAU, 'https://data.example.tw');
    assert.equal(doc['@type'], 'Dataset');
    assert.equal(doc.license, 'https://data.gov.tw/license');
    assert.deepEqual(doc.publisher, {
      '@type': 'GovernmentOrganization',
      name: '交通部觀光局',
      identifier: TOURISM_BUREAU.govOid,
      url: 'https://data.example.tw/organization/taiwan-tourism-bureau',
    });
    assert.equal(doc.temporalCoverage, '2015-01-01/..');
    const dist = doc.distribution as { contentUrl: string; encodingFormat: string }[];
    assert.equal(dist.length, 12);
    assert.equal(dist[0]?.encodingFormat, 'application/xml');
    assert.match(dist[0]?.contentUrl ?? '', /^http:\/\/admin\.taiwan\.net\.tw\//);
    assert.deepEqual(doc.includedInDataCatalog, {
      '@type': 'DataCatalog',
      name: 'ODP',
      url: 'https://data.example.tw/',
    });
  });

  it('pads a short description to at least 50 characters and trims a long one to 5000', () => {
    const [d] = demoDatasets(1);
    assert.ok(d);
    assert.ok(d.notes.length < 50, 'the real description is short');
    const padded = schemaOrgDescription(d, TOURISM_BUREAU);
    assert.ok(padded.length >= 50, padded);
    assert.match(padded, /提供機關：交通部觀光局/);
    d.notes = '長'.repeat(6000);
    const cut = schemaOrgDescription(d, TOURISM_BUREAU);
    assert.equal(cut.length, 5000);
    assert.ok(cut.endsWith('…'));
    for (const x of demoDatasets()) {
      const n = schemaOrgDescription(x, TOURISM_BUREAU).length;
      assert.ok(n >= 50 && n <= 5000, x.title);
    }
  });
});

describe('Frictionless Data Package', () => {
  it('maps datastore column types to Table Schema types with labels as titles', () => {
    const [d] = demoDatasets(1);
    assert.ok(d);
    const pkg = dataPackage(d, (r) => (r.position === 0 ? table : null));
    const resources = pkg.resources as {
      name: string;
      profile: string;
      encoding?: string;
      schema?: { fields: unknown[] };
    }[];
    assert.equal(resources.length, 12);
    assert.equal(new Set(resources.map((r) => r.name)).size, 12, 'resource names are unique');
    assert.equal(resources[0]?.profile, 'tabular-data-resource');
    assert.equal(resources[0]?.encoding, 'big5');
    assert.deepEqual(
      resources[0]?.schema?.fields.map((f) => {
        const { name, title, type } = f as { name: string; title: string; type: string };
        return [name, title, type];
      }),
      [
        ['c1', '縣市', 'string'],
        ['c2', '人數', 'integer'],
        ['c3', '比率', 'number'],
        ['c4', '是否', 'boolean'],
        ['c5', '日期', 'date'],
        ['c5_iso', '日期 (ISO)', 'datetime'],
      ],
    );
    assert.equal(resources[1]?.profile, 'data-resource');
    assert.equal(resources[1]?.schema, undefined);
    assert.deepEqual(pkg.licenses, [
      { name: 'gov-tw-1.0', title: '政府資料開放授權條款-第1版', path: 'https://data.gov.tw/license' },
    ]);
    assert.match(String(pkg.name), /^[a-z0-9._-]+$/);
  });
});
