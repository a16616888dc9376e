import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SYSTEM_ACTOR } from '../../src/catalog/actor.ts';
import { createDataset } from '../../src/catalog/dataset-service.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { parseRdf } from '../../src/interop/rdf/parse.ts';
import { dcatApViolations } from '../../src/interop/test-support/shacl.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { testDialects } from '../helpers/test-db.ts';

const DCAT_DATASET = 'http://www.w3.org/ns/dcat#Dataset';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

for (const dialect of testDialects) {
  describe(`DCAT-AP over HTTP on ${dialect}`, () => {
    let t: TestApp;
    let demoCount = 0;
    before(async () => {
      t = await createTestApp(dialect);
      demoCount = (await loadDemo(t.ctx)).datasets;
      const org = await t.ctx.db.kysely
        .selectFrom('groups')
        .select('name')
        .where('kind', '=', 'organization')
        .executeTakeFirstOrThrow();
      for (const [name, extra] of [
        ['secret-plan', { private: true }],
        ['draft-plan', { state: 'draft' as const }],
      ] as const) {
        await createDataset(t.ctx.catalog, SYSTEM_ACTOR, { name, title: name, ownerOrg: org.name, ...extra });
      }
    });
    after(() => t.close());

    const datasetNames = (quads: Awaited<ReturnType<typeof parseRdf>>) =>
      quads
        .filter((q) => q.predicate.value === RDF_TYPE && q.object.value === DCAT_DATASET)
        .map((q) => decodeURIComponent(q.subject.value.split('/dataset/')[1] ?? ''));

    it('serves the demo catalogue at /catalog.ttl with zero SHACL violations against DCAT-AP 3.0.1', async () => {
      assert.ok(demoCount >= 5, `demo catalogue loaded (${demoCount})`);
      const res = await t.app.inject({ url: '/catalog.ttl?page_size=1000' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/turtle/);
      const quads = await parseRdf(res.body, 'turtle');
      assert.equal(datasetNames(quads).length, demoCount);
      assert.deepEqual(await dcatApViolations(quads), []);
    });

    it('never lists private or draft datasets, and hides them per dataset from anonymous callers', async () => {
      const res = await t.app.inject({ url: '/catalog.jsonld?page_size=1000' });
      const names = datasetNames(await parseRdf(res.body, 'jsonld'));
      assert.ok(!names.includes('secret-plan') && !names.includes('draft-plan'));
      assert.equal((await t.app.inject({ url: '/dataset/secret-plan.ttl' })).statusCode, 403);
      const admin = await t.app.inject({
        url: '/dataset/secret-plan.ttl',
        headers: { authorization: t.adminToken },
      });
      assert.equal(admin.statusCode, 200, 'a sysadmin may read it');
    });

    it('pages with hydra:next and serves every serialisation by extension and by Accept', async () => {
      const first = await t.app.inject({ url: '/catalog.rdf?page_size=2' });
      assert.match(String(first.headers['content-type']), /^application\/rdf\+xml/);
      const quads = await parseRdf(first.body, 'rdfxml');
      assert.equal(datasetNames(quads).length, 2);
      const next = quads.find((q) => q.predicate.value.endsWith('hydra/core#next'))?.object.value;
      assert.equal(next, 'http://odp.test/catalog.rdf?page=2&page_size=2');
      for (const [accept, type] of [
        ['application/ld+json', /^application\/ld\+json/],
        ['application/rdf+xml', /^application\/rdf\+xml/],
        ['text/turtle;q=0.9, */*;q=0.1', /^text\/turtle/],
      ] as const) {
        const res = await t.app.inject({ url: '/catalog', headers: { accept } });
        assert.match(String(res.headers['content-type']), type, accept);
      }
      assert.equal(
        (await t.app.inject({ url: '/catalog', headers: { accept: 'text/html' } })).statusCode,
        406,
      );
    });

    it('shares /dataset/{name} with the web portal: RDF only when Accept asks for it', async () => {
      const [name] = datasetNames(
        await parseRdf((await t.app.inject({ url: '/catalog.ttl' })).body, 'turtle'),
      );
      assert.ok(name);
      const rdf = await t.app.inject({ url: `/dataset/${name}`, headers: { accept: 'text/turtle' } });
      assert.equal(rdf.statusCode, 200);
      assert.deepEqual(datasetNames(await parseRdf(rdf.body, 'turtle')), [name]);
      const browser = await t.app.inject({
        url: `/dataset/${name}`,
        headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
      });
      assert.equal(browser.statusCode, 301);
      assert.equal(browser.headers.location, `/datasets/${name}`);
      const ext = await t.app.inject({ url: `/dataset/${name}.jsonld` });
      assert.match(String(ext.headers['content-type']), /^application\/ld\+json/);
      assert.deepEqual(await dcatApViolations(await parseRdf(ext.body, 'jsonld')), []);
    });
  });
}
