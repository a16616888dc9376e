import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeDataset, makeResource } from '../../test/helpers/quality-data.ts';
import { scoreDataset, scoreResource } from './openness.ts';

const real = (p: string): Uint8Array =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/real', p)));
const head = (p: string, n = 64 * 1024): Uint8Array => real(p).subarray(0, n);

const res = (url: string, format = '') => ({ url, format });

describe('openness stars', () => {
  it('a real CSV scores 3 from its content, even behind a URL without an extension', () => {
    const s = scoreResource(res('https://data.example.gov.tw/download?id=1'), true, {
      sample: head('income/106_165-9.csv'),
    });
    assert.equal(s.stars, 3);
    assert.equal(s.format, 'CSV');
    assert.equal(s.source, 'content');
  });

  it('Big5, UTF-16 TSV and BOM-prefixed real files are still recognised as open formats', () => {
    assert.equal(
      scoreResource(res('x'), true, { sample: head('catalog/yilan.2018.03.20.OpenData.csv') }).format,
      'CSV',
    );
    assert.equal(scoreResource(res('x'), true, { sample: head('population/2013.csv') }).format, 'TSV');
    assert.equal(scoreResource(res('x'), true, { sample: head('taitung/636485953864564217.csv') }).stars, 3);
  });

  it('real .xls and .xlsx score 2 (structured, proprietary), even from truncated samples', () => {
    const xls = scoreResource(res('x'), true, { sample: head('catalog/桃園市政府開放資料供應清單.xls') });
    assert.deepEqual([xls.format, xls.stars], ['XLS', 2]);
    const xlsx = scoreResource(res('x'), true, { sample: real('dgbas/cityWorkforce.xlsx') });
    assert.deepEqual([xlsx.format, xlsx.stars], ['XLSX', 2]);
    const xlsx2 = scoreResource(res('x'), true, { sample: head('catalog/datasets_list.xlsx', 4096) });
    assert.equal(xlsx2.format, 'XLSX');
  });

  it('real XML and JSON score 3', () => {
    const xml = scoreResource(res('x'), true, { sample: head('gazette/106-08-01.xml') });
    assert.deepEqual([xml.format, xml.stars], ['XML', 3]);
    const catalogXml = scoreResource(res('x'), true, { sample: head('catalog/datasets_list.xml') });
    assert.deepEqual([catalogXml.format, catalogXml.stars], ['XML', 3]);
    const json = scoreResource(res('x'), true, { sample: head('ckan/package_search.json') });
    assert.deepEqual([json.format, json.stars], ['JSON', 3]);
  });

  it('a PDF signature scores 1 even when the URL claims .csv and the declared format says CSV', () => {
    const pdf = new TextEncoder().encode(
      '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n',
    );
    const s = scoreResource(res('https://example.gov.tw/report.csv', 'CSV'), true, { sample: pdf });
    assert.deepEqual([s.format, s.stars, s.source], ['PDF', 1, 'content']);
  });

  it('an HTML page behind a data link scores 0: it is a landing page, not the data', () => {
    const html = new TextEncoder().encode(
      '<!DOCTYPE html><html><head><title>下載</title></head><body></body></html>',
    );
    assert.equal(scoreResource(res('https://example.gov.tw/a.csv', 'CSV'), true, { sample: html }).stars, 0);
  });

  it('falls back to the URL extension, then the declared format, then 1', () => {
    const byUrl = scoreResource(res('https://x.gov.tw/files/data.xlsx?v=2', 'CSV'), true);
    assert.deepEqual([byUrl.stars, byUrl.source, byUrl.format], [2, 'url', 'XLSX']);
    const declared = scoreResource(res('https://x.gov.tw/api/get'), true, {});
    assert.equal(declared.stars, 1);
    assert.equal(declared.source, 'none');
    const viaField = scoreResource(res('https://x.gov.tw/api/get', 'CSV;DOC'), true);
    assert.deepEqual([viaField.stars, viaField.source, viaField.format], [3, 'declared', 'CSV']);
  });

  it('a license that is not open scores 0 whatever the format; a broken link scores 0', () => {
    const csv = head('income/106_165-9.csv');
    assert.equal(scoreResource(res('x'), false, { sample: csv }).stars, 0);
    assert.equal(scoreResource(res('https://x/a.csv', 'CSV'), true, { obtainable: false }).stars, 0);
  });

  it('RDF scores 4, and 5 when it links to other publishers’ things', () => {
    const ttl = new TextEncoder().encode(
      '@prefix dct: <http://purl.org/dc/terms/> .\n<https://data.gov.tw/id/village/1> dct:title "村" .\n',
    );
    assert.equal(scoreResource(res('x'), true, { sample: ttl }).stars, 4);
    const linked = new TextEncoder().encode(
      '@prefix owl: <http://www.w3.org/2002/07/owl#> .\n<https://data.gov.tw/id/village/1> owl:sameAs <https://www.wikidata.org/entity/Q1> .\n',
    );
    assert.equal(scoreResource(res('x'), true, { sample: linked }).stars, 5);
  });

  it('a dataset scores as its best resource; licenses decide for all of them', () => {
    const dataset = makeDataset({
      resources: [
        makeResource({ url: 'https://x/a.pdf', format: 'PDF' }),
        makeResource({ url: 'https://x/b.xls', format: 'XLS' }),
        makeResource({ url: 'https://x/c.csv', format: 'CSV', state: 'deleted' }),
      ],
    });
    const scored = scoreDataset(dataset);
    assert.equal(scored.stars, 2);
    assert.deepEqual(
      scored.resources.map((r) => r.stars),
      [1, 2],
    );
    assert.equal(scoreDataset({ ...dataset, licenseId: 'other-closed' }).stars, 0);
    assert.equal(scoreDataset({ ...dataset, resources: [] }).stars, 0);
  });
});
