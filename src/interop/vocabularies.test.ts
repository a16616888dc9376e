import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvRow, parseCsv } from './csv.ts';
import { euFileTypeUri, formatFromUrl, mediaTypeOf, normalizeFormat } from './file-formats.ts';
import {
  euFrequencyUri,
  frequencyFromEuUri,
  frequencyFromLabel,
  frequencyPeriod,
} from './frequency-vocabulary.ts';
import { parseCount, parseTaiwanDate, splitAgency, stripCount } from './harvest/values.ts';
import { negotiateRdfFormat, rdfFormatFromAccept } from './rdf/negotiate.ts';

describe('RDF content negotiation', () => {
  it('prefers the extension, then Accept with q-values', () => {
    assert.equal(negotiateRdfFormat({ extension: 'ttl', accept: 'application/ld+json' }), 'turtle');
    assert.equal(negotiateRdfFormat({ extension: '.jsonld' }), 'jsonld');
    assert.equal(negotiateRdfFormat({ extension: 'rdf' }), 'rdfxml');
    assert.equal(negotiateRdfFormat({ extension: 'exe' }), null);
    assert.equal(rdfFormatFromAccept('application/rdf+xml;q=0.5, application/ld+json'), 'jsonld');
    assert.equal(rdfFormatFromAccept('text/html, text/turtle;q=0.9'), 'turtle');
    assert.equal(rdfFormatFromAccept('*/*'), 'turtle');
    assert.equal(rdfFormatFromAccept('text/turtle;q=0, application/rdf+xml'), 'rdfxml');
    assert.equal(rdfFormatFromAccept('image/png'), null);
  });
});

describe('update frequencies', () => {
  it('reads labels as agencies write them', () => {
    assert.equal(frequencyFromLabel('每月'), 'monthly');
    assert.equal(frequencyFromLabel('每1月'), 'monthly');
    assert.equal(frequencyFromLabel('每 3 月'), 'quarterly');
    assert.equal(frequencyFromLabel('每6個月'), 'semiannual');
    assert.equal(frequencyFromLabel('不定期更新'), 'irregular');
    assert.equal(frequencyFromLabel('不定時'), 'irregular');
    assert.equal(frequencyFromLabel('無'), 'never');
    assert.equal(frequencyFromLabel('Weekly'), 'weekly');
    assert.equal(frequencyFromLabel('每2年'), '', 'no catalog key for biennial');
  });

  it('maps to and from the EU frequency vocabulary', () => {
    for (const key of [
      'realtime',
      'hourly',
      'daily',
      'weekly',
      'monthly',
      'quarterly',
      'semiannual',
      'annual',
      'irregular',
      'never',
    ]) {
      assert.equal(frequencyFromEuUri(euFrequencyUri(key)), key);
    }
    assert.equal(
      euFrequencyUri('monthly'),
      'http://publications.europa.eu/resource/authority/frequency/MONTHLY',
    );
    assert.equal(euFrequencyUri(''), '');
    assert.deepEqual(frequencyPeriod('quarterly'), { unit: '月', every: 3 });
  });
});

describe('formats, CSV and cell values', () => {
  it('normalises formats and maps them to EU file types and media types', () => {
    assert.equal(normalizeFormat(' xlsx '), 'XLSX');
    assert.equal(normalizeFormat('jpg'), 'JPEG');
    assert.equal(euFileTypeUri('csv'), 'http://publications.europa.eu/resource/authority/file-type/CSV');
    assert.equal(euFileTypeUri('GPKG'), '');
    assert.equal(mediaTypeOf('json'), 'application/json');
    assert.equal(formatFromUrl('https://x.gov.tw/a/b.XLS?download=1'), 'XLS');
  });

  it('parses RFC 4180 quoting and writes it back', () => {
    const rows = [
      ['a', 'b,c', 'say "hi"'],
      ['多\n行', '', ' x'],
    ];
    const text = `\uFEFF${rows.map(csvRow).join('')}`;
    assert.deepEqual(parseCsv(text), rows);
    assert.deepEqual(parseCsv('a,b\nc,d\n'), [
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('reads dates, counts and packed agency cells', () => {
    assert.equal(parseTaiwanDate('2015/08/12 16:40:36'), '2015-08-12T08:40:36.000Z');
    assert.equal(parseTaiwanDate('107/03/20'), '2018-03-20');
    assert.equal(parseTaiwanDate('2018-02-30'), '');
    assert.equal(parseCount('"7,472"'.replaceAll('"', '')), 7472);
    assert.equal(parseCount('n/a'), null);
    assert.deepEqual(splitAgency('380120000J 【社會局】'), { code: '380120000J', name: '社會局' });
    assert.deepEqual(splitAgency('臺中市政府'), { code: '', name: '臺中市政府' });
    assert.equal(stripCount('公共資訊 (921)'), '公共資訊');
  });
});
