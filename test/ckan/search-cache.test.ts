import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { actorForUser } from '../../src/catalog/actor.ts';
import { createDataset } from '../../src/catalog/dataset-service.ts';
import { setDatastoreActive } from '../../src/catalog/resource-service.ts';
import { openDb } from '../../src/platform/db/database.ts';
import { reindexDataset } from '../../src/search/index.ts';
import { createTestApp, type TestApp, userWithToken } from '../helpers/test-app.ts';
import { testDialects } from '../helpers/test-db.ts';
import { action, makeDataset, makeOrg } from './ckan-client.ts';

/** Names found by an anonymous (or token-bearing) package_search for `q`. */
async function found(t: TestApp, q: string, token?: string): Promise<string[]> {
  const get = { q, rows: '100', include_private: 'true' };
  const r = await action(t, 'package_search', { get, ...(token ? { token } : {}) });
  assert.equal(r.status, 200, r.text);
  return r.body.result.results.map((p: { name: string }) => p.name).sort();
}

// Anonymous package_search answers are cached (on SQLite) while the index is unchanged: every test here
// asks the same question before and after a change and expects the change to show at once.
for (const dialect of testDialects) {
  describe(`package_search answers follow every change on ${dialect}`, () => {
    let t: TestApp;
    let member: { id: string; token: string };
    before(async () => {
      t = await createTestApp(dialect);
      await makeOrg(t, 'moe', '教育部');
      member = await userWithToken(t.ctx, 'teacher');
      await action(t, 'organization_member_create', {
        post: { id: 'moe', username: 'teacher', role: 'member' },
        token: t.adminToken,
      });
      await makeDataset(t, { name: 'school-list', title: '學校名錄', owner_org: 'moe' });
    });
    after(() => t.close());

    it('a new dataset appears in the next anonymous answer to the same query', async () => {
      assert.deepEqual(await found(t, '學校'), ['school-list']);
      assert.deepEqual(await found(t, '學校'), ['school-list']);
      await makeDataset(t, { name: 'school-budget', title: '學校預算', owner_org: 'moe' });
      assert.deepEqual(await found(t, '學校'), ['school-budget', 'school-list']);
    });

    it('a dataset made private leaves anonymous answers but stays in its members’ answers', async () => {
      assert.deepEqual(await found(t, '預算'), ['school-budget']);
      const r = await action(t, 'package_patch', {
        post: { id: 'school-budget', private: true },
        token: t.adminToken,
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(await found(t, '預算'), []);
      assert.deepEqual(await found(t, '預算', member.token), ['school-budget']);
      assert.deepEqual(await found(t, '預算'), [], 'a member’s answer is never served to anonymous visitors');
    });

    it('an edited title and a renamed organization show in the next answer', async () => {
      await found(t, '名錄');
      await action(t, 'package_patch', {
        post: { id: 'school-list', title: '各級學校名錄' },
        token: t.adminToken,
      });
      const r = await action(t, 'package_search', { get: { q: '名錄' } });
      assert.equal(r.body.result.results[0].title, '各級學校名錄');
      await action(t, 'organization_patch', {
        post: { id: 'moe', title: '教育部（新）' },
        token: t.adminToken,
      });
      const again = await action(t, 'package_search', {
        get: { q: '名錄', 'facet.field': '["organization"]' },
      });
      assert.equal(again.body.result.results[0].organization.title, '教育部（新）');
      assert.equal(again.body.result.search_facets.organization.items[0].display_name, '教育部（新）');
    });

    it('a datastore load marks the resource datastore_active in the next answer', async () => {
      const d = await makeDataset(t, {
        name: 'school-enrolment',
        title: '學生人數',
        owner_org: 'moe',
        resources: [{ url: 'http://example.com/s.csv', name: 'CSV' }],
      });
      const before = await action(t, 'package_search', { get: { q: '學生人數' } });
      assert.equal(before.body.result.results[0].resources[0].datastore_active, false);
      await setDatastoreActive(t.ctx.catalog, d.resources[0].id, true);
      const after = await action(t, 'package_search', { get: { q: '學生人數' } });
      assert.equal(after.body.result.results[0].resources[0].datastore_active, true);
    });

    it('a repeated answer is byte for byte the first; a JSONP call wraps the same answer', async () => {
      const url = `/api/3/action/package_search?q=${encodeURIComponent('學校')}`;
      const first = await t.app.inject({ method: 'GET', url });
      const again = await t.app.inject({ method: 'GET', url });
      assert.equal(again.body, first.body);
      assert.match(String(first.headers['content-type']), /^application\/json/);
      assert.equal(first.headers['content-length'], String(Buffer.byteLength(first.body)));
      const answer = JSON.parse(first.body);
      assert.equal(answer.success, true);
      assert.match(answer.help, /package_search/);
      const jsonp = await t.app.inject({ method: 'GET', url: `${url}&callback=show` });
      assert.match(String(jsonp.headers['content-type']), /^application\/javascript/);
      assert.equal(jsonp.body, `/**/show(${first.body});`);
    });

    if (dialect === 'sqlite') {
      it('a dataset written by another process on the same store shows in the next answer', async () => {
        assert.deepEqual(await found(t, '校舍'), []);
        const other = openDb({ kind: 'sqlite', path: join(t.ctx.config.dataDir, 'odp.sqlite') });
        try {
          const admin = await other.kysely
            .selectFrom('users')
            .select('id')
            .where('name', '=', 'admin')
            .executeTakeFirstOrThrow();
          const org = await other.kysely
            .selectFrom('groups')
            .select('id')
            .where('name', '=', 'moe')
            .executeTakeFirstOrThrow();
          await createDataset(
            { db: other, afterDatasetWrite: [reindexDataset] },
            await actorForUser(other.kysely, admin.id),
            { name: 'school-buildings', title: '校舍耐震', ownerOrg: org.id },
          );
        } finally {
          await other.close();
        }
        assert.deepEqual(await found(t, '校舍'), ['school-buildings']);
      });
    }
  });
}
