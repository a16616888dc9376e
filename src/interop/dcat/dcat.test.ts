import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import type { Quad } from 'n3';
import type { Dataset } from '../../catalog/types.ts';
import { externalDatasetOf } from '../dataset-input.ts';
import { harvestDcat } from '../harvest/dcat.ts';
import { parseRdf } from '../rdf/parse.ts';
import { type RdfFormat, serializeRdf, toNTriples } from '../rdf/serialize.ts';
import { NS } from '../rdf/vocab.ts';
import { demoContext, demoDatasets, TOURISM_BUREAU } from '../test-support/demo-catalog.ts';
import { dcatApViolations } from '../test-support/shacl.ts';
import { catalogGraph, datasetGraph } from './catalog-graph.ts';

/** A real dataset with every optional field the data.gov.tw profile has filled in. */
function enriched(): Dataset {
  const [d] = demoDatasets(1);
  assert.ok(d);
  d.tags = ['會計報告', '觀光'];
  d.tw = {
    ...d.tw,
    temporalStart: '2015-01-01',
    temporalEnd: '2015-12-31',
    spatial: '臺灣',
    contactEmail: 'open@taiwan.net.tw',
    relatedUrl: 'https://admin.taiwan.net.tw/accounts',
    remarks: '每月 15 日更新',
    cost: { type: 'paid', feeUrl: 'https://admin.taiwan.net.tw/fee', legalBasis: '規費法第10條' },
  };
  const [r0, r1] = d.resources;
  assert.ok(r0 && r1);
  r0.size = 48213;
  r0.recordCount = 1200;
  r0.sha256 = 'ab'.repeat(32);
  r1.format = 'GPKG'; // not in the EU file-type list: must still survive
  r1.mimetype = '';
  r1.encoding = 'BIG5';
  return d;
}

const formats: RdfFormat[] = ['turtle', 'jsonld', 'rdfxml'];
const page = (n: number, size = 10) => ({
  page: n,
  pageSize: size,
  totalItems: 74,
  pageUrl: (p: number) => `https://data.example.tw/catalog.ttl?page=${p}`,
});

describe('DCAT-AP 3.0.1 export', () => {
  it('validates the whole demo catalogue (74 real datasets) with zero SHACL violations', async () => {
    const datasets = demoDatasets();
    assert.equal(datasets.length, 74);
    datasets[0] = enriched();
    const quads = catalogGraph(demoContext(), datasets, page(1, 74));
    assert.deepEqual(await dcatApViolations(quads), []);
  });

  it('stays valid after writing and re-reading each serialisation', async () => {
    const quads = catalogGraph(demoContext(), [enriched(), ...demoDatasets(4).slice(1)], page(1));
    const expected = (await toNTriples(quads)).split('\n').sort();
    for (const format of formats) {
      const text = await serializeRdf(quads, format);
      const back = await parseRdf(text, format);
      assert.deepEqual(await dcatApViolations(back), [], format);
      assert.deepEqual(
        (await toNTriples(back as Quad[])).split('\n').sort(),
        expected,
        `${format} keeps every triple`,
      );
    }
  });

  it('reports violations when a mandatory property is missing (the check can fail)', async () => {
    const quads = datasetGraph(demoContext(), enriched()).filter(
      (q) =>
        !(q.predicate.value === `${NS.dct}description` && q.subject.value.endsWith('/dataset/tourism-1')),
    );
    const violations = await dcatApViolations(quads);
    assert.equal(violations.length, 1);
    assert.match(violations[0] ?? '', /tourism-1 \| http:\/\/purl.org\/dc\/terms\/description/);
  });

  it('maps data.gov.tw fields to the DCAT-AP vocabularies', async () => {
    const ttl = await serializeRdf(datasetGraph(demoContext(), enriched()), 'turtle');
    assert.match(
      ttl,
      /dct:accrualPeriodicity <http:\/\/publications.europa.eu\/resource\/authority\/frequency\/MONTHLY>/,
    );
    assert.match(ttl, /dcat:theme <https:\/\/data.example.tw\/vocab\/service-category\/I00>/);
    assert.match(ttl, /dct:format <http:\/\/publications.europa.eu\/resource\/authority\/file-type\/XML>/);
    assert.match(ttl, /dcat:mediaType <http:\/\/www.iana.org\/assignments\/media-types\/application\/xml>/);
    assert.match(ttl, /dcat:byteSize "48213"\^\^xsd:nonNegativeInteger/);
    assert.match(ttl, /cnt:characterEncoding "UTF-8"/);
    assert.match(ttl, new RegExp(`dct:identifier "${TOURISM_BUREAU.govOid.replaceAll('.', '\\.')}"`));
    assert.match(ttl, /vcard:hasTelephone <tel:02-23491500%238922>/);
    assert.match(ttl, /<https:\/\/data.gov.tw\/license> a dct:LicenseDocument/);
  });

  it('pages the catalogue with a Hydra PartialCollectionView', async () => {
    const ttl = await serializeRdf(catalogGraph(demoContext(), demoDatasets(10), page(2)), 'turtle');
    assert.match(ttl, /<https:\/\/data.example.tw\/catalog.ttl\?page=2> a hydra:PartialCollectionView/);
    assert.match(ttl, /hydra:first <https:\/\/data.example.tw\/catalog.ttl\?page=1>/);
    assert.match(ttl, /hydra:previous <https:\/\/data.example.tw\/catalog.ttl\?page=1>/);
    assert.match(ttl, /hydra:next <https:\/\/data.example.tw\/catalog.ttl\?page=3>/);
    assert.match(ttl, /hydra:last <https:\/\/data.example.tw\/catalog.ttl\?page=8>/);
    assert.match(ttl, /hydra:totalItems "74"/);
    const last = await serializeRdf(catalogGraph(demoContext(), [], page(8)), 'turtle');
    assert.doesNotMatch(last, /hydra:next/);
  });
});

describe('DCAT round trip', () => {
  for (const format of formats) {
    it(`export as ${format} then harvest keeps every mapped field`, async () => {
      const d = enriched();
      const text = await serializeRdf(datasetGraph(demoContext(), d), format);
      const records = await harvestDcat(text, format);
      assert.equal(records.length, 1);
      const rec = records[0];
      assert.ok(rec && 'input' in rec, JSON.stringify(rec));
      assert.equal(rec.remoteId, d.tw.identifier);
      const expected = externalDatasetOf(d, TOURISM_BUREAU);
      const { extras: _a, ...want } = expected;
      const { extras: _b, ...got } = rec.input;
      want.resources[1] = { ...(want.resources[1] ?? expected.resources[0]!), mimetype: '' };
      assert.deepEqual(got, want);
    });
  }

  it('turns an unparseable document into one error record', async () => {
    const records = await harvestDcat(`<rdf:RDF xmlns:rdf="${NS.rdf}"><a></b></rdf:RDF>`, 'rdfxml');
    assert.equal(records.length, 1);
    assert.ok(records[0] && 'error' in records[0]);
  });

  it('refuses remote JSON-LD contexts instead of fetching them', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'application/ld+json' }).end('{"@context":{}}');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      const doc = JSON.stringify({
        '@context': `http://127.0.0.1:${port}/ctx.jsonld`,
        '@id': 'urn:x',
        title: 't',
      });
      const records = await harvestDcat(doc, 'jsonld');
      assert.ok(records[0] && 'error' in records[0]);
      assert.equal(hits, 0);
    } finally {
      server.close();
    }
  });
});
