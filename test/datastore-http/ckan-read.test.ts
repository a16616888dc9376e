import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { action } from '../ckan/ckan-client.ts';
import { testDialects } from '../helpers/test-db.ts';
import { moeRows, shelterRows } from './files.ts';
import { createPortal, type Portal } from './setup.ts';

for (const dialect of testDialects) {
  describe(`CKAN datastore_search and datastore_info on ${dialect}`, () => {
    let p: Portal;
    before(async () => {
      p = await createPortal(dialect);
    });
    after(() => p.t.close());

    it('answers with CKAN result keys, labels as field ids, total and _links', async () => {
      const r = await action(p.t, 'datastore_search', { get: { resource_id: p.shelters, limit: '5' } });
      assert.equal(r.status, 200);
      assert.equal(r.body.success, true);
      const res = r.body.result;
      for (const key of [
        'resource_id',
        'fields',
        'records',
        'total',
        '_links',
        'limit',
        'records_format',
        'include_total',
      ])
        assert.ok(key in res, key);
      assert.equal(res.resource_id, p.shelters);
      assert.equal(res.total, shelterRows().length);
      assert.equal(res.total_was_estimated, false);
      assert.equal(res.limit, 5);
      assert.equal(res.records.length, 5);
      assert.deepEqual(res.fields[0], { id: '_id', type: 'int' });
      assert.ok(
        res.fields.some((f: { id: string; type: string }) => f.id === '收容人數' && f.type === 'int'),
      );
      assert.equal(res.records[0]._id, 1);
      assert.equal(res.records[0].收容所名稱, shelterRows()[0]?.收容所名稱);
      assert.equal(res._links.start, `/api/3/action/datastore_search?resource_id=${p.shelters}&limit=5`);
      assert.equal(
        res._links.next,
        `/api/3/action/datastore_search?resource_id=${p.shelters}&limit=5&offset=5`,
      );
    });

    it('pages through every row by following _links.next', async () => {
      let url = `/api/3/action/datastore_search?id=${p.shelters}&limit=50`;
      const seen: number[] = [];
      for (let page = 0; page < 10; page += 1) {
        const res = await p.t.app.inject({ url });
        const body = res.json();
        if (body.result.records.length === 0) break;
        seen.push(...body.result.records.map((x: { _id: number }) => x._id));
        url = body.result._links.next;
      }
      assert.equal(seen.length, shelterRows().length);
      assert.equal(new Set(seen).size, seen.length);
    });

    it('filters with values and lists, sorts, selects fields, distinct and other record formats (POST)', async () => {
      const towns = ['關山鎮', '蘭嶼鄉'];
      const r = await action(p.t, 'datastore_search', {
        post: {
          resource_id: p.shelters,
          filters: { 收容所鄉鎮市區: towns },
          sort: '收容人數 desc, _id',
          fields: ['收容所名稱', '收容人數'],
          limit: 1000,
        },
      });
      assert.equal(r.status, 200);
      const want = shelterRows().filter((x) => towns.includes(x.收容所鄉鎮市區 ?? ''));
      assert.equal(r.body.result.total, want.length);
      assert.deepEqual(r.body.result.filters, { 收容所鄉鎮市區: towns });
      const counts = r.body.result.records.map((x: { 收容人數: number }) => x.收容人數);
      assert.deepEqual(
        counts,
        [...counts].sort((a, b) => b - a),
      );
      assert.deepEqual(r.body.result._links.start, '/api/3/action/datastore_search');

      const lists = await action(p.t, 'datastore_search', {
        post: {
          resource_id: p.shelters,
          fields: '收容所編號',
          records_format: 'lists',
          limit: 2,
          sort: '_id',
        },
      });
      assert.deepEqual(lists.body.result.records, [
        [shelterRows()[0]?.收容所編號],
        [shelterRows()[1]?.收容所編號],
      ]);
      const csv = await action(p.t, 'datastore_search', {
        post: {
          resource_id: p.shelters,
          fields: '收容所編號,收容人數',
          records_format: 'csv',
          limit: 1,
          sort: '_id',
        },
      });
      assert.equal(csv.body.result.records, `${shelterRows()[0]?.收容所編號},${shelterRows()[0]?.收容人數}`);

      const distinct = await action(p.t, 'datastore_search', {
        post: { resource_id: p.shelters, fields: ['收容所鄉鎮市區'], distinct: true, limit: 1000 },
      });
      assert.equal(distinct.body.result.total, new Set(shelterRows().map((x) => x.收容所鄉鎮市區)).size);
    });

    it('searches the Big5 file by its Chinese labels and full text', async () => {
      const r = await action(p.t, 'datastore_search', {
        get: { resource_id: p.moe, q: '護理', limit: '0' },
      });
      assert.equal(
        r.body.result.total,
        moeRows().filter((x) => Object.values(x).join(' ').includes('護理')).length,
      );
      const f = await action(p.t, 'datastore_search', {
        post: { resource_id: p.moe, filters: { 學校名稱: '國立政治大學' }, limit: 0 },
      });
      assert.equal(f.body.result.total, moeRows().filter((x) => x.學校名稱 === '國立政治大學').length);
    });

    it('validates like CKAN: limit, unknown keys, unknown fields, missing resources', async () => {
      const neg = await action(p.t, 'datastore_search', { get: { resource_id: p.shelters, limit: '-1' } });
      assert.equal(neg.status, 409);
      assert.deepEqual(neg.body.error, { __type: 'Validation Error', limit: ['Must be a natural number'] });
      const big = await action(p.t, 'datastore_search', { get: { resource_id: p.shelters, limit: '99999' } });
      assert.equal(big.body.result.limit, 32000);
      const def = await action(p.t, 'datastore_search', { get: { resource_id: p.shelters } });
      assert.equal(def.body.result.limit, 100);
      assert.equal(def.body.result.records.length, 100);
      const junk = await action(p.t, 'datastore_search', { get: { resource_id: p.shelters, colour: 'red' } });
      assert.equal(junk.status, 409);
      assert.deepEqual(junk.body.error.__junk, ['The input field __junk was not expected.']);
      const field = await action(p.t, 'datastore_search', {
        post: { resource_id: p.shelters, filters: { 無此欄: 1 } },
      });
      assert.equal(field.status, 409);
      assert.deepEqual(field.body.error.filters, ['invalid value "無此欄"']);
      const none = await action(p.t, 'datastore_search', { get: { resource_id: 'not-a-resource' } });
      assert.equal(none.status, 404);
      assert.equal(none.body.error.message, 'Not found: Resource "not-a-resource" was not found.');
      const missing = await action(p.t, 'datastore_search', { get: {} });
      assert.equal(missing.status, 409);
      assert.deepEqual(missing.body.error.resource_id, ['Missing value']);
    });

    it('datastore_info gives fields and the row count', async () => {
      const r = await action(p.t, 'datastore_info', { get: { id: p.moe } });
      assert.equal(r.status, 200);
      assert.equal(r.body.result.meta.count, moeRows().length);
      const ids = r.body.result.fields.map((f: { id: string }) => f.id);
      assert.ok(ids.includes('科系名稱'));
      assert.ok(!ids.includes('_id'));
      assert.equal(r.body.result.fields.find((f: { id: string }) => f.id === '教師數').type, 'int');
    });

    it('never shows a private dataset’s table to the public or outsiders', async () => {
      for (const name of ['datastore_search', 'datastore_info']) {
        const anon = await action(p.t, name, { get: { resource_id: p.secret } });
        assert.equal(anon.status, 403, name);
        assert.doesNotMatch(anon.text, /收容|臺東縣政府,/);
        const outsider = await action(p.t, name, { get: { resource_id: p.secret }, token: p.outsider.token });
        assert.equal(outsider.status, 403, name);
        const editor = await action(p.t, name, { get: { resource_id: p.secret }, token: p.editor.token });
        assert.equal(editor.status, 200, name);
      }
      const jsonp = await p.t.app.inject({
        url: `/api/3/action/datastore_search?resource_id=${p.secret}&callback=cb`,
        headers: { authorization: p.editor.token },
      });
      assert.doesNotMatch(jsonp.body, /收容所名稱/, 'JSONP calls are anonymous');
    });
  });
}
