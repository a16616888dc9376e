import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { action } from '../ckan/ckan-client.ts';
import { testDialects } from '../helpers/test-db.ts';
import { shelterRows } from './files.ts';
import { createPortal, getJson, type Portal } from './setup.ts';

for (const dialect of testDialects) {
  describe(`CKAN datastore_create/upsert/delete on ${dialect}`, () => {
    let p: Portal;
    let supplies = '';
    // biome-ignore lint/suspicious/noExplicitAny: CKAN records
    const rows = async (id: string): Promise<any[]> => {
      const r = await action(p.t, 'datastore_search', {
        post: { resource_id: id, sort: '_id', limit: 1000 },
      });
      assert.equal(r.status, 200, r.text);
      return r.body.result.records;
    };
    const call = (name: string, post: object, token = p.editor.token) => action(p.t, name, { post, token });
    before(async () => {
      p = await createPortal(dialect);
    });
    after(() => p.t.close());

    it('anonymous users and outsiders cannot write', async () => {
      const body = {
        resource: { package_id: 'shelters', name: '物資' },
        fields: [{ id: '品項', type: 'text' }],
        records: [{ 品項: '水' }],
      };
      const anon = await action(p.t, 'datastore_create', { post: body });
      assert.equal(anon.status, 403);
      assert.equal(anon.body.error.__type, 'Authorization Error');
      const outsider = await call('datastore_create', body, p.outsider.token);
      assert.equal(outsider.status, 403);
      for (const [name, post] of [
        [
          'datastore_upsert',
          { resource_id: p.shelters, force: true, method: 'insert', records: [{ 收容人數: 1 }] },
        ],
        ['datastore_delete', { resource_id: p.shelters, force: true }],
      ] as const) {
        const anonymous = await action(p.t, name, { post });
        assert.equal(anonymous.status, 403, name);
        const other = await call(name, post, p.outsider.token);
        assert.equal(other.status, 403, name);
      }
      const get = await p.t.app.inject({ url: `/api/3/action/datastore_delete?resource_id=${p.shelters}` });
      assert.equal(get.statusCode, 400);
      assert.equal((await rows(p.shelters)).length, shelterRows().length);
    });

    it('datastore_create makes a typed table for a resource without a file', async () => {
      const r = await call('datastore_create', {
        resource: { package_id: 'shelters', name: '物資' },
        fields: [
          { id: '品項', type: 'text' },
          { id: '數量', type: 'int' },
          { id: '到貨日', type: 'date' },
        ],
        primary_key: ['品項'],
        records: [
          { 品項: '飲用水', 數量: 120, 到貨日: '2024-05-01' },
          { 品項: '睡袋', 數量: '40' },
        ],
      });
      assert.equal(r.status, 200, r.text);
      supplies = r.body.result.resource_id;
      assert.deepEqual(
        r.body.result.fields.map((f: { id: string; type: string }) => [f.id, f.type]),
        [
          ['品項', 'text'],
          ['數量', 'int'],
          ['到貨日', 'date'],
        ],
      );
      assert.deepEqual(r.body.result.primary_key, ['品項']);
      assert.deepEqual(await rows(supplies), [
        { _id: 1, 品項: '飲用水', 數量: 120, 到貨日: '2024-05-01' },
        { _id: 2, 品項: '睡袋', 數量: 40, 到貨日: null },
      ]);
      const shown = await action(p.t, 'resource_show', { get: { id: supplies } });
      assert.equal(shown.body.result.datastore_active, true);
      const info = await action(p.t, 'datastore_info', { get: { id: supplies } });
      assert.equal(
        info.body.result.fields.find((f: { id: string }) => f.id === '品項').schema.uniquekey,
        true,
      );
    });

    it('datastore_upsert updates by primary key, inserts new keys, keeps fields not given', async () => {
      const r = await call('datastore_upsert', {
        resource_id: supplies,
        records: [
          { 品項: '睡袋', 數量: 45 },
          { 品項: '毛毯', 數量: 30 },
        ],
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.result.method, 'upsert');
      assert.deepEqual(await rows(supplies), [
        { _id: 1, 品項: '飲用水', 數量: 120, 到貨日: '2024-05-01' },
        { _id: 2, 品項: '睡袋', 數量: 45, 到貨日: null },
        { _id: 3, 品項: '毛毯', 數量: 30, 到貨日: null },
      ]);
      const update = await call('datastore_upsert', {
        resource_id: supplies,
        method: 'update',
        records: [{ 品項: '飲用水', 到貨日: '2024-06-01' }],
      });
      assert.equal(update.status, 200);
      assert.equal((await rows(supplies))[0].到貨日, '2024-06-01');
      assert.equal((await rows(supplies))[0].數量, 120);
    });

    it('refuses bad writes with CKAN messages and leaves the table as it was', async () => {
      const before = await rows(supplies);
      const cases: Array<[object, string, string[]]> = [
        [{ method: 'update', records: [{ 品項: '帳篷', 數量: 1 }] }, 'key', [`key "('帳篷')" not found`]],
        [
          { method: 'insert', records: [{ 品項: '睡袋', 數量: 1 }] },
          'constraints',
          ['Cannot insert records or create index because of uniqueness constraint'],
        ],
        [{ records: [{ 品項: '口罩', 顏色: '白' }] }, 'records', ['row "1" has extra keys "顏色"']],
        [{ records: [{ 數量: 3 }] }, 'key', ['fields "品項" are missing but needed as key']],
        [{ method: 'merge', records: [] }, 'method', [`Value must be one of ['upsert', 'insert', 'update']`]],
        [{ records: 'nope' }, 'records', ['Not a list']],
      ];
      for (const [extra, key, messages] of cases) {
        const r = await call('datastore_upsert', { resource_id: supplies, ...extra });
        assert.equal(r.status, 409, JSON.stringify(extra));
        assert.deepEqual(r.body.error[key], messages, JSON.stringify(r.body.error));
      }
      const typed = await call('datastore_upsert', {
        resource_id: supplies,
        records: [{ 品項: '口罩', 數量: '很多' }],
      });
      assert.equal(typed.status, 409);
      assert.match(typed.body.error.records[0], /很多/);
      const alias = await call('datastore_create', { resource_id: supplies, aliases: ['supplies'] });
      assert.equal(alias.status, 409);
      assert.ok(alias.body.error.aliases);
      assert.deepEqual(await rows(supplies), before);
    });

    it('datastore_create adds fields and records; every write is a new version in the load history', async () => {
      const r = await call('datastore_create', {
        resource_id: supplies,
        fields: [{ id: '單位', type: 'text' }],
        records: [{ 品項: '口罩', 數量: 500, 單位: '片' }],
      });
      assert.equal(r.status, 200, r.text);
      const now = await rows(supplies);
      assert.equal(now.length, 4);
      assert.equal(now[0].單位, null);
      assert.deepEqual(now[3], { _id: 4, 品項: '口罩', 數量: 500, 到貨日: null, 單位: '片' });
      const loads = await getJson(p.t, `/api/v1/resources/${supplies}/loads`);
      assert.deepEqual(
        loads.body.loads.map((l: { version: number; findings: Array<{ code: string }> }) => [
          l.version,
          l.findings[0]?.code,
        ]),
        [
          [4, 'datastore_create'],
          [3, 'datastore_upsert'],
          [2, 'datastore_upsert'],
          [1, 'datastore_create'],
        ],
      );
      const tables = await getJson(p.t, `/api/v1/resources/${supplies}/tables`);
      assert.equal(tables.body.tables[0].version, 4);
      assert.equal(tables.body.tables[0].rowCount, 4);
    });

    it('datastore_delete with filters removes rows; without filters drops the table', async () => {
      const r = await call('datastore_delete', {
        resource_id: supplies,
        filters: { 品項: ['毛毯', '口罩'] },
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.result.filters, { 品項: ['毛毯', '口罩'] });
      assert.deepEqual(
        (await rows(supplies)).map((x) => x.品項),
        ['飲用水', '睡袋'],
      );
      const drop = await call('datastore_delete', { resource_id: supplies });
      assert.equal(drop.status, 200);
      const gone = await action(p.t, 'datastore_search', { get: { resource_id: supplies } });
      assert.equal(gone.status, 404);
      const shown = await action(p.t, 'resource_show', { get: { id: supplies } });
      assert.equal(shown.body.result.datastore_active, false);
      const again = await call('datastore_delete', { resource_id: supplies });
      assert.equal(again.status, 404);
    });

    it('a table loaded from a file is read-only unless force=true', async () => {
      const refused = await call('datastore_upsert', {
        resource_id: p.shelters,
        method: 'insert',
        records: [{ 收容所名稱: '測試站' }],
      });
      assert.equal(refused.status, 409);
      assert.ok(refused.body.error['read-only']);
      const forced = await call('datastore_upsert', {
        resource_id: p.shelters,
        method: 'insert',
        force: true,
        records: [{ 收容所名稱: '測試站', 收容人數: 12 }],
      });
      assert.equal(forced.status, 200, forced.text);
      const all = await rows(p.shelters);
      assert.equal(all.length, shelterRows().length + 1);
      assert.deepEqual([all.at(-1)?.收容所名稱, all.at(-1)?.收容人數], ['測試站', 12]);
      const removed = await call('datastore_delete', {
        resource_id: p.shelters,
        force: true,
        filters: { 收容所名稱: '測試站' },
      });
      assert.equal(removed.status, 200);
      assert.equal((await rows(p.shelters)).length, shelterRows().length);
      const tables = await getJson(p.t, `/api/v1/resources/${p.shelters}/tables`);
      const labels = tables.body.tables[0].columns.map((c: { label: string }) => c.label);
      assert.ok(labels.includes('最後更新時間 (ISO)'), 'derived columns survive a write');
    });
  });
}
