import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp, userWithToken } from '../../test/helpers/test-app.ts';
import { testDialects } from '../../test/helpers/test-db.ts';
import { createToken, revokeToken } from '../platform/auth/users.ts';

for (const dialect of testDialects) {
  describe(`token -> actor on ${dialect}: every change to tokens and roles counts at once`, () => {
    let t: TestApp;
    let orgId = '';
    before(async () => {
      t = await createTestApp(dialect);
      const org = await t.app.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        headers: { authorization: t.adminToken },
        payload: { name: 'moi', title: '內政部' },
      });
      assert.equal(org.statusCode, 201, org.body);
      orgId = org.json().id;
    });
    after(() => t.close());

    const me = async (token: string) => {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: token } });
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as { name: string | null; organizations: { id: string; role: string }[] };
    };
    const setRole = async (user: string, role: string) => {
      const r = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/organizations/moi/members/${user}`,
        headers: { authorization: t.adminToken },
        payload: { role },
      });
      assert.equal(r.statusCode, 204, r.body);
    };

    it('a revoked token is anonymous on the very next request', async () => {
      const u = await userWithToken(t.ctx, 'rita');
      assert.equal((await me(u.token)).name, 'rita');
      assert.equal((await me(u.token)).name, 'rita');
      const { info } = await createToken(t.ctx.db.kysely, u.id, 'second');
      assert.equal(await revokeToken(t.ctx.db.kysely, info.id), u.id);
      assert.equal((await me(u.token)).name, 'rita', 'revoking another token leaves this one working');
      const own = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me/tokens',
        headers: { authorization: u.token },
      });
      const tokenId = (own.json() as { id: string; name: string }[]).find((x) => x.name === 'test')?.id;
      assert.ok(tokenId);
      const del = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/me/tokens/${tokenId}`,
        headers: { authorization: u.token },
      });
      assert.equal(del.statusCode, 204, del.body);
      assert.equal((await me(u.token)).name, null);
    });

    it('a role given, changed or taken with its organization shows on the next request', async () => {
      const u = await userWithToken(t.ctx, 'emil');
      assert.deepEqual((await me(u.token)).organizations, []);
      await setRole('emil', 'member');
      assert.deepEqual((await me(u.token)).organizations, [{ id: orgId, role: 'member' }]);
      const create = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/datasets',
          headers: { authorization: u.token },
          payload: { name: `by-emil-${Math.random().toString(36).slice(2, 8)}`, title: 'x', ownerOrg: 'moi' },
        });
      assert.equal((await create()).statusCode, 403, 'a member may not create');
      await setRole('emil', 'editor');
      assert.equal((await create()).statusCode, 201, 'an editor may, at once');
      const del = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/organizations/moi',
        headers: { authorization: t.adminToken },
      });
      assert.ok(del.statusCode < 300, del.body);
      assert.deepEqual((await me(u.token)).organizations, [], 'a deleted organization grants nothing');
    });

    it('an expired token stops working although it was resolved before', async () => {
      const u = await userWithToken(t.ctx, 'ella');
      const soon = new Date(Date.now() + 300).toISOString();
      const { token } = await createToken(t.ctx.db.kysely, u.id, 'short', soon);
      assert.equal((await me(token)).name, 'ella');
      await new Promise((r) => setTimeout(r, 350));
      assert.equal((await me(token)).name, null);
    });

    if (dialect === 'sqlite') {
      it('a token revoked by another process on the same file is anonymous at once', async () => {
        const u = await userWithToken(t.ctx, 'otto');
        assert.equal((await me(u.token)).name, 'otto');
        const other = new DatabaseSync(join(t.ctx.config.dataDir, 'odp.sqlite'));
        try {
          other.prepare('update api_tokens set revoked = 1 where user_id = ?').run(u.id);
        } finally {
          other.close();
        }
        assert.equal((await me(u.token)).name, null);
      });
    }
  });
}
