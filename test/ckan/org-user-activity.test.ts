import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp, userWithToken } from '../helpers/test-app.ts';
import { testDialects } from '../helpers/test-db.ts';
import { action, makeDataset, makeOrg } from './ckan-client.ts';

for (const dialect of testDialects) {
  describe(`CKAN organization, group, user, token and activity actions on ${dialect}`, () => {
    let t: TestApp;
    let alice: { id: string; token: string };
    before(async () => {
      t = await createTestApp(dialect);
      alice = await userWithToken(t.ctx, 'alice');
    });
    after(() => t.close());

    it('organization_create (sysadmins), show, list sorted by title, update, delete', async () => {
      const denied = await action(t, 'organization_create', { post: { name: 'nope' }, token: alice.token });
      assert.equal(denied.status, 403);
      const org = await makeOrg(t, 'moi', '內政部');
      assert.equal(org.is_organization, true);
      assert.equal(org.type, 'organization');
      await makeOrg(t, 'aaa', 'Zeta agency');
      const dup = await action(t, 'organization_create', { post: { name: 'moi' }, token: t.adminToken });
      assert.deepEqual(dup.body.error.name, ['Group name already exists in database']);
      const bad = await action(t, 'organization_create', { post: { name: 'X y' }, token: t.adminToken });
      assert.equal(bad.status, 409);
      const list = await action(t, 'organization_list', { get: {} });
      assert.deepEqual(list.body.result, ['aaa', 'moi'], 'Zeta agency < 內政部 by title');
      const byName = await action(t, 'organization_list', { get: { sort: 'name desc' } });
      assert.deepEqual(byName.body.result, ['moi', 'aaa']);
      const up = await action(t, 'organization_update', {
        post: { id: 'aaa', title: 'Alpha agency', description: 'd' },
        token: t.adminToken,
      });
      assert.equal(up.body.result.title, 'Alpha agency');
      const del = await action(t, 'organization_delete', { post: { id: 'aaa' }, token: t.adminToken });
      assert.equal(del.status, 200);
      assert.equal((await action(t, 'organization_show', { get: { id: 'aaa' } })).status, 404);
    });

    it('organization_member_create gives rights; organization_show lists members and package_count', async () => {
      const m = await action(t, 'organization_member_create', {
        post: { id: 'moi', username: 'alice', role: 'editor' },
        token: t.adminToken,
      });
      assert.equal(m.status, 200, m.text);
      assert.equal(m.body.result.capacity, 'editor');
      await makeDataset(t, { name: 'alice-data', owner_org: 'moi', tags: [{ name: 'road' }] }, alice.token);
      const show = await action(t, 'organization_show', { get: { id: 'moi' } });
      assert.equal(show.body.result.package_count, 1);
      assert.deepEqual(
        show.body.result.users.map((u: { name: string; capacity: string }) => [u.name, u.capacity]),
        [['alice', 'editor']],
      );
      const missing = await action(t, 'organization_member_create', {
        post: { id: 'moi', username: 'alice' },
        token: t.adminToken,
      });
      assert.deepEqual(missing.body.error.role, ['Missing value']);
    });

    it('group_list and group_show give the service-category groups; tag_list and license_list', async () => {
      const groups = await action(t, 'group_list', { get: { sort: 'name asc' } });
      assert.ok(groups.body.result.includes('category-i00'));
      const g = await action(t, 'group_show', { get: { id: 'category-i00' } });
      assert.equal(g.body.result.is_organization, false);
      const tags = await action(t, 'tag_list', { get: {} });
      assert.deepEqual(tags.body.result, ['road']);
      const q = await action(t, 'tag_list', { get: { query: 'zz' } });
      assert.deepEqual(q.body.result, []);
      const lic = await action(t, 'license_list', { get: {} });
      assert.equal(lic.body.result[0].id, 'gov-tw-1.0');
      assert.ok(lic.body.result.some((l: { id: string }) => l.id === 'cc-by'));
    });

    it('user_show hides the e-mail from others; API tokens are created, listed and revoked', async () => {
      const anon = await action(t, 'user_show', { get: { id: 'alice' } });
      assert.equal(anon.body.result.name, 'alice');
      assert.ok(!('email' in anon.body.result));
      const self = await action(t, 'user_show', { get: { id: 'alice' }, token: alice.token });
      assert.ok('email' in self.body.result);
      assert.equal(self.body.result.number_created_packages, 1);
      assert.equal((await action(t, 'user_show', { get: { id: 'ghost' } })).status, 404);

      const created = await action(t, 'api_token_create', {
        post: { user: 'alice', name: 'ci' },
        token: alice.token,
      });
      assert.equal(created.status, 200, created.text);
      const token: string = created.body.result.token;
      const who = await action(t, 'package_create', {
        post: { name: 'via-new-token', owner_org: 'moi' },
        token,
      });
      assert.equal(who.status, 200, 'the new token acts as alice');
      const others = await action(t, 'api_token_create', {
        post: { user: 'admin', name: 'steal' },
        token: alice.token,
      });
      assert.equal(others.status, 403);
      const list = await action(t, 'api_token_list', { get: { user_id: 'alice' }, token: alice.token });
      assert.ok(list.body.result.some((x: { name: string }) => x.name === 'ci'));
      assert.ok(list.body.result.every((x: Record<string, unknown>) => !('token' in x)));
      const revoked = await action(t, 'api_token_revoke', { post: { token }, token: alice.token });
      assert.equal(revoked.status, 200);
      const after = await action(t, 'package_create', {
        post: { name: 'after-revoke', owner_org: 'moi' },
        token,
      });
      assert.equal(after.status, 403, 'a revoked token is anonymous');
    });

    it('package_activity_list, activity_show and recently_changed_packages_activity_list respect visibility', async () => {
      const d = await makeDataset(t, { name: 'tracked', owner_org: 'moi', title: 'v1' });
      await action(t, 'package_patch', { post: { id: 'tracked', title: 'v2' }, token: alice.token });
      const acts = await action(t, 'package_activity_list', { get: { id: 'tracked' } });
      assert.equal(acts.status, 200);
      assert.deepEqual(
        acts.body.result.map((a: { activity_type: string }) => a.activity_type),
        ['changed package', 'new package'],
      );
      assert.equal(acts.body.result[0].data.package.title, 'v2');
      assert.equal(acts.body.result[1].data.package.title, 'v1');
      const one = await action(t, 'activity_show', { get: { id: acts.body.result[1].id } });
      assert.equal(one.body.result.object_id, d.id);
      await makeDataset(t, { name: 'private-tracked', owner_org: 'moi', private: true });
      const recent = await action(t, 'recently_changed_packages_activity_list', { get: { limit: '50' } });
      const objects = recent.body.result.map(
        (a: { data: { package: { name: string } } }) => a.data.package.name,
      );
      assert.ok(objects.includes('tracked'));
      assert.ok(!objects.includes('private-tracked'), 'private activity hidden from anonymous');
      const privActs = await action(t, 'package_activity_list', { get: { id: 'private-tracked' } });
      assert.equal(privActs.status, 403);
      const memberView = await action(t, 'recently_changed_packages_activity_list', {
        get: {},
        token: alice.token,
      });
      assert.ok(
        memberView.body.result.some(
          (a: { data: { package: { name: string } } }) => a.data.package.name === 'private-tracked',
        ),
      );
    });
  });
}
