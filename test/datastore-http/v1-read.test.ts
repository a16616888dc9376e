import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../helpers/test-db.ts';
import { moeRows, shelterRows } from './files.ts';
import { createPortal, drainJobs, getJson, type Portal } from './setup.ts';

const enc = encodeURIComponent;

for (const dialect of testDialects) {
  describe(`/api/v1 datastore reads on ${dialect}`, () => {
    let p: Portal;
    before(async () => {
      p = await createPortal(dialect);
    });
    after(() => p.t.close());

    it('lists tables with labels, types, row counts, title rows and the latest load', async () => {
      const r = await getJson(p.t, `/api/v1/resources/${p.shelters}/tables`);
      assert.equal(r.status, 200);
      assert.equal(r.body.datastoreActive, true);
      const [table] = r.body.tables;
      assert.equal(table.rowCount, shelterRows().length);
      const byLabel = new Map(table.columns.map((c: { label: string }) => [c.label, c]));
      assert.equal((byLabel.get('收容人數') as { type: string }).type, 'integer');
      assert.equal((byLabel.get('地址') as { type: string }).type, 'text');
      assert.equal(table.fields[0].id, '_id');
      assert.equal(r.body.latestLoad.status, 'done');

      const moe = await getJson(p.t, `/api/v1/resources/${p.moe}/tables`);
      assert.equal(moe.body.tables[0].rowCount, moeRows().length);
      assert.equal(moe.body.tables[0].encoding, 'big5');
      assert.deepEqual(moe.body.tables[0].titles[0], '大專校院各校科系別概況');
      assert.ok(moe.body.tables[0].columns.some((c: { label: string }) => c.label === '科系名稱'));
    });

    it('filters, sorts, pages and selects fields by label, with totals', async () => {
      const want = shelterRows().filter((r) => r.收容所鄉鎮市區 === '關山鎮');
      const filters = enc(JSON.stringify({ 收容所鄉鎮市區: '關山鎮' }));
      const r = await getJson(
        p.t,
        `/api/v1/resources/${p.shelters}/data?filters=${filters}&sort=${enc('收容人數 desc')}&fields=${enc('收容所名稱,收容人數')}&limit=1000`,
      );
      assert.equal(r.status, 200);
      assert.equal(r.body.total, want.length);
      assert.deepEqual(
        r.body.records.map((x: { 收容人數: number }) => x.收容人數),
        want.map((x) => Number(x.收容人數)).sort((a, b) => b - a),
      );
      assert.deepEqual(Object.keys(r.body.records[0]), ['收容所名稱', '收容人數']);

      const all = await getJson(p.t, `/api/v1/resources/${p.shelters}/data?limit=6&sort=_id`);
      const page = await getJson(p.t, `/api/v1/resources/${p.shelters}/data?limit=3&offset=3&sort=_id`);
      assert.deepEqual(page.body.records, all.body.records.slice(3));
      assert.equal(all.body.records[0].收容所編號, shelterRows()[0]?.收容所編號);

      const list = enc(JSON.stringify({ 收容所鄉鎮市區: ['關山鎮', '蘭嶼鄉'] }));
      const two = await getJson(p.t, `/api/v1/resources/${p.shelters}/data?filters=${list}&limit=0`);
      const expected = shelterRows().filter((x) => ['關山鎮', '蘭嶼鄉'].includes(x.收容所鄉鎮市區 ?? ''));
      assert.equal(two.body.total, expected.length);
      assert.deepEqual(two.body.records, []);

      const q = await getJson(p.t, `/api/v1/resources/${p.moe}/data?q=${enc('護理')}&limit=0`);
      assert.equal(q.body.total, moeRows().filter((x) => Object.values(x).join(' ').includes('護理')).length);
    });

    it('answers bad input with the field and its message', async () => {
      const bad = await getJson(p.t, `/api/v1/resources/${p.shelters}/data?sort=${enc('沒有這欄 desc')}`);
      assert.equal(bad.status, 409);
      assert.deepEqual(bad.body.error.fields, { sort: ['invalid value "沒有這欄 desc"'] });
      const neg = await getJson(p.t, `/api/v1/resources/${p.shelters}/data?limit=-1`);
      assert.equal(neg.status, 400);
      const missing = await getJson(p.t, '/api/v1/resources/no-such-resource/data');
      assert.equal(missing.status, 404);
      const table = await getJson(p.t, `/api/v1/resources/${p.shelters}/data?table=nope`);
      assert.equal(table.status, 404);
    });

    it('aggregates for charts: counts and sums per group match the file', async () => {
      const rows = shelterRows();
      const r = await getJson(
        p.t,
        `/api/v1/resources/${p.shelters}/aggregate?groupBy=${enc('收容所鄉鎮市區')}&metric=count&metric=${enc('sum:收容人數')}&limit=100`,
      );
      assert.equal(r.status, 200);
      const taitungCity = r.body.records.find((x: Record<string, unknown>) => x.收容所鄉鎮市區 === '臺東市');
      const cityRows = rows.filter((x) => x.收容所鄉鎮市區 === '臺東市');
      assert.equal(taitungCity.count, cityRows.length);
      assert.equal(
        taitungCity['sum(收容人數)'],
        cityRows.reduce((s, x) => s + Number(x.收容人數), 0),
      );
      const counted = r.body.records.reduce((s: number, x: { count: number }) => s + x.count, 0);
      assert.equal(counted, rows.length);
      assert.equal(r.body.groupsTruncated, false);

      const bad = await getJson(p.t, `/api/v1/resources/${p.shelters}/aggregate?metric=${enc('sum:地址')}`);
      assert.equal(bad.status, 409);
      const op = await getJson(p.t, `/api/v1/resources/${p.shelters}/aggregate?metric=median`);
      assert.equal(op.status, 409);
    });

    it('shows loads newest first and lets editors (only) queue a reload', async () => {
      const anon = await p.t.app.inject({ method: 'POST', url: `/api/v1/resources/${p.shelters}/loads` });
      assert.equal(anon.statusCode, 403);
      const outsider = await p.t.app.inject({
        method: 'POST',
        url: `/api/v1/resources/${p.shelters}/loads`,
        headers: { authorization: p.outsider.token },
      });
      assert.equal(outsider.statusCode, 403);
      const queued = await p.t.app.inject({
        method: 'POST',
        url: `/api/v1/resources/${p.shelters}/loads`,
        headers: { authorization: p.editor.token },
      });
      assert.equal(queued.statusCode, 202);
      assert.equal(queued.json().job.status, 'queued');
      const waiting = await getJson(p.t, `/api/v1/resources/${p.shelters}/loads`);
      assert.equal(waiting.body.job.status, 'queued');
      await drainJobs(p.t);
      const done = await getJson(p.t, `/api/v1/resources/${p.shelters}/loads`);
      assert.equal(done.body.job.status, 'succeeded');
      assert.deepEqual(
        done.body.loads.map((l: { version: number; status: string }) => [l.version, l.status]),
        [
          [2, 'done'],
          [1, 'done'],
        ],
      );
      const tables = await getJson(p.t, `/api/v1/resources/${p.shelters}/tables`);
      assert.equal(tables.body.tables[0].version, 2);
      assert.equal(tables.body.tables[0].rowCount, shelterRows().length);
    });

    it('keeps private data private on every read route', async () => {
      const urls = [
        `/api/v1/resources/${p.secret}/tables`,
        `/api/v1/resources/${p.secret}/data`,
        `/api/v1/resources/${p.secret}/aggregate`,
        `/api/v1/resources/${p.secret}/export.csv`,
        `/api/v1/resources/${p.secret}/loads`,
      ];
      for (const url of urls) {
        const anon = await getJson(p.t, url);
        assert.equal(anon.status, 403, url);
        assert.doesNotMatch(JSON.stringify(anon.body), /臺東|收容/, url);
        const outsider = await getJson(p.t, url, p.outsider.token);
        assert.equal(outsider.status, 403, url);
        const editor = await getJson(p.t, url, p.editor.token);
        assert.equal(editor.status, 200, url);
      }
    });

    it('documents every datastore route in OpenAPI with its response schema', async () => {
      const r = await getJson(p.t, '/api/v1/openapi.json');
      const paths = r.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
      for (const path of [
        '/api/v1/resources/{id}/tables',
        '/api/v1/resources/{id}/data',
        '/api/v1/resources/{id}/aggregate',
        '/api/v1/resources/{id}/loads',
        '/api/v1/datastore/sql',
      ]) {
        assert.ok(paths[path], path);
        assert.ok(paths[path]?.get?.responses?.['200'], `${path} documents 200`);
      }
      assert.ok(Object.keys(paths).some((k) => k.includes('/export.')));
    });
  });
}
