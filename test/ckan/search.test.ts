import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp, userWithToken } from '../helpers/test-app.ts';
import { testDialects } from '../helpers/test-db.ts';
import { action, keyShape, makeDataset, makeOrg, missingKeys } from './ckan-client.ts';

const fixture = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../fixtures/real/ckan/package_search.json'), 'utf8'),
);

const names = (r: { body: { result: { results: { name: string }[] } } }) =>
  r.body.result.results.map((p) => p.name).sort();

for (const dialect of testDialects) {
  describe(`CKAN package_search on ${dialect}`, () => {
    let t: TestApp;
    let member: { id: string; token: string };
    before(async () => {
      t = await createTestApp(dialect);
      await makeOrg(t, 'moi', '內政部');
      await makeOrg(t, 'mof', '財政部');
      member = await userWithToken(t.ctx, 'member');
      await action(t, 'organization_member_create', {
        post: { id: 'moi', username: 'member', role: 'member' },
        token: t.adminToken,
      });
      await makeDataset(t, {
        name: 'village-population',
        title: '村里人口統計',
        owner_org: 'moi',
        tags: [{ name: 'population' }],
        groups: [{ name: 'category-i00' }],
        extras: [{ key: 'source', value: 'census' }],
        resources: [
          { url: 'http://example.com/p.csv', name: 'CSV' },
          { url: 'http://example.com/p.json', name: 'JSON' },
        ],
      });
      await makeDataset(t, {
        name: 'tax-income',
        title: '綜稅所得',
        owner_org: 'mof',
        tags: [{ name: 'tax' }, { name: 'population' }],
        license_id: 'cc-by-4.0',
        resources: [{ url: 'http://example.com/t.csv', name: 'CSV' }],
      });
      await makeDataset(t, {
        name: 'hidden-stats',
        title: 'Hidden',
        owner_org: 'moi',
        private: true,
        tags: [{ name: 'population' }],
      });
      await makeDataset(t, {
        name: 'air-quality',
        title: 'Air quality',
        owner_org: 'mof',
        tags: [{ name: 'air' }],
      });
    });
    after(() => t.close());

    it('has every key of a real CKAN package_search response (results, resources, organization, tags, groups, extras)', async () => {
      const r = await action(t, 'package_search', { get: { rows: '100' } });
      assert.equal(r.status, 200, r.text);
      const expected = keyShape(fixture);
      const actual = keyShape(r.body);
      assert.deepEqual(missingKeys(expected, actual), []);
      const ours = r.body.result.results.find((p: { name: string }) => p.name === 'village-population');
      assert.deepEqual(Object.keys(ours.extras[0]).sort(), ['key', 'value']);
      assert.deepEqual(missingKeys(keyShape(fixture.result.results[0].groups), keyShape(ours.groups)), []);
      assert.equal(r.body.result.sort, 'score desc, metadata_modified desc');
    });

    it('q: free text and field:value terms; fq and fq_list narrow', async () => {
      assert.deepEqual(names(await action(t, 'package_search', { get: { q: '村里' } })), [
        'village-population',
      ]);
      assert.deepEqual(names(await action(t, 'package_search', { get: { q: 'tags:population' } })), [
        'tax-income',
        'village-population',
      ]);
      assert.deepEqual(
        names(await action(t, 'package_search', { get: { q: 'tags:population', fq: 'organization:mof' } })),
        ['tax-income'],
      );
      const list = await action(t, 'package_search', {
        post: { fq_list: ['organization:mof', '-tags:air'] },
      });
      assert.deepEqual(names(list), ['tax-income']);
      assert.deepEqual(names(await action(t, 'package_search', { get: { fq: 'tags:tax OR tags:air' } })), [
        'air-quality',
        'tax-income',
      ]);
      assert.deepEqual(
        names(await action(t, 'package_search', { get: { fq: '+organization:moi +res_format:JSON' } })),
        ['village-population'],
      );
      assert.deepEqual(names(await action(t, 'package_search', { get: { fq: 'name:"tax-income"' } })), [
        'tax-income',
      ]);
      assert.deepEqual(names(await action(t, 'package_search', { get: { fq: 'extras_source:census' } })), [
        'village-population',
      ]);
      const after = await action(t, 'package_search', {
        get: { fq: 'metadata_modified:[2000-01-01T00:00:00Z TO *]' },
      });
      assert.equal(after.body.result.count, 3);
      const before = await action(t, 'package_search', {
        get: { fq: 'metadata_created:[* TO 2000-01-01T00:00:00Z]' },
      });
      assert.equal(before.body.result.count, 0);
    });

    it('facets: facet.field as a JSON list, counts, search_facets with organization titles, facet.limit', async () => {
      const r = await action(t, 'package_search', {
        get: { 'facet.field': '["organization","tags","license_id"]', 'facet.limit': '-1' },
      });
      const res = r.body.result;
      assert.deepEqual(res.facets.organization, { moi: 1, mof: 2 });
      assert.equal(res.facets.tags.population, 2, 'the private dataset is not counted for anonymous');
      const moi = res.search_facets.organization.items.find((i: { name: string }) => i.name === 'moi');
      assert.deepEqual(moi, { name: 'moi', display_name: '內政部', count: 1 });
      assert.equal(res.search_facets.organization.title, 'organization');
      const lic = res.search_facets.license_id.items.find((i: { name: string }) => i.name === 'cc-by-4.0');
      assert.match(lic.display_name, /Creative Commons/);
      const limited = await action(t, 'package_search', {
        get: { 'facet.field': '["tags"]', 'facet.limit': '1' },
      });
      assert.equal(limited.body.result.search_facets.tags.items.length, 1);
      assert.equal(limited.body.result.search_facets.tags.items[0].name, 'population');
      const min = await action(t, 'package_search', {
        get: { 'facet.field': '["tags"]', 'facet.mincount': '2' },
      });
      assert.deepEqual(Object.keys(min.body.result.facets.tags), ['population']);
    });

    it('include_private shows private datasets to members of the owner organization only', async () => {
      const anon = await action(t, 'package_search', { get: { include_private: 'true' } });
      assert.equal(anon.body.result.count, 3);
      const mem = await action(t, 'package_search', {
        get: { include_private: 'true' },
        token: member.token,
      });
      assert.equal(mem.body.result.count, 4);
      assert.ok(names(mem).includes('hidden-stats'));
      const notAsked = await action(t, 'package_search', { get: {}, token: member.token });
      assert.equal(notAsked.body.result.count, 3);
    });

    it('sort, rows (default 10, clamped to 1000), start, fl', async () => {
      const byName = await action(t, 'package_search', { get: { sort: 'name asc', rows: '2' } });
      assert.deepEqual(
        byName.body.result.results.map((p: { name: string }) => p.name),
        ['air-quality', 'tax-income'],
      );
      assert.equal(byName.body.result.count, 3);
      const next = await action(t, 'package_search', { get: { sort: 'name asc', rows: '2', start: '2' } });
      assert.deepEqual(
        next.body.result.results.map((p: { name: string }) => p.name),
        ['village-population'],
      );
      const huge = await action(t, 'package_search', { get: { rows: '5000' } });
      assert.equal(huge.status, 200);
      const fl = await action(t, 'package_search', { get: { fl: 'id,name', sort: 'name asc' } });
      assert.deepEqual(Object.keys(fl.body.result.results[0]).sort(), ['id', 'name']);
      const badRows = await action(t, 'package_search', { get: { rows: 'ten' } });
      assert.equal(badRows.status, 409);
      assert.deepEqual(badRows.body.error.rows, ['Invalid integer']);
    });

    it('refuses unknown parameters, sorts without direction, bad syntax and local params', async () => {
      const unknown = await action(t, 'package_search', { get: { q: 'x', frobnicate: '1' } });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.__type, 'Search Query Error');
      assert.match(unknown.body.error.message, /frobnicate/);
      const noDir = await action(t, 'package_search', { get: { sort: 'name' } });
      assert.equal(noDir.status, 400);
      assert.equal(noDir.body.error.__type, 'Search Query Error');
      const syntax = await action(t, 'package_search', { get: { q: 'title:(unclosed' } });
      assert.equal(syntax.status, 400);
      const local = await action(t, 'package_search', { get: { q: '{!lucene}name:x' } });
      assert.equal(local.status, 409);
      assert.equal(local.body.error.__type, 'Search Error');
    });

    it('harvest contract: modified-since filter, id order, pages of N give every dataset exactly once', async () => {
      for (let i = 0; i < 23; i++)
        await makeDataset(t, { name: `bulk-${String(i).padStart(2, '0')}`, owner_org: 'mof' });
      const seen: string[] = [];
      let total = -1;
      for (let start = 0; start < 200; start += 5) {
        const r = await action(t, 'package_search', {
          get: {
            fq: 'metadata_modified:[2024-01-01T00:00:00Z TO *]',
            sort: 'id asc',
            rows: '5',
            start: String(start),
          },
        });
        assert.equal(r.status, 200, r.text);
        total = r.body.result.count;
        const ids = r.body.result.results.map((p: { id: string }) => p.id);
        seen.push(...ids);
        if (ids.length < 5) break;
      }
      assert.equal(total, 26);
      assert.equal(seen.length, 26);
      assert.equal(new Set(seen).size, 26);
      assert.deepEqual(seen, [...seen].sort(), 'ids come in ascending order');
    });
  });
}
