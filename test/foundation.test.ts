import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { currentTables } from '../src/datastore/index.ts';
import { startSession } from '../src/platform/auth/sessions.ts';
import { createUser } from '../src/platform/auth/users.ts';
import { createTestApp, type TestApp, userWithToken } from './helpers/test-app.ts';
import { testDialects } from './helpers/test-db.ts';

for (const dialect of testDialects) {
  describe(`foundation over HTTP on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const call = (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      url: string,
      token?: string,
      payload?: object,
      headers: Record<string, string> = {},
    ) =>
      t.app.inject({
        method,
        url,
        payload,
        headers: { ...(token ? { authorization: token } : {}), ...headers },
      });

    it('a token creates an organization, a dataset and an uploaded resource', async () => {
      const org = await call('POST', '/api/v1/organizations', t.adminToken, {
        name: 'moi',
        title: '內政部',
        govOid: '2.16.886.101.20003',
        orgCode: 'A41000000G',
      });
      assert.equal(org.statusCode, 201, org.body);
      const ds = await call('POST', '/api/v1/datasets', t.adminToken, {
        name: 'village-population',
        title: '村里人口統計',
        ownerOrg: 'moi',
        tags: ['人口', 'population'],
        tw: { serviceCategory: 'I00', updateFrequency: 'annual', contactEmail: 'a@moi.gov.tw' },
      });
      assert.equal(ds.statusCode, 201, ds.body);
      const created = ds.json();
      assert.equal(created.tw.identifier, 'A41000000G-000001');
      assert.deepEqual(created.groupIds, ['category-i00']);
      assert.equal(ds.headers.etag, '"1"');
      // The agency's identifiers count on; another agency's start from 1.
      const next = await call('POST', '/api/v1/datasets', t.adminToken, {
        name: 'village-households',
        ownerOrg: 'moi',
      });
      assert.equal(next.json().tw.identifier, 'A41000000G-000002');
      await call('POST', '/api/v1/organizations', t.adminToken, {
        name: 'mol',
        title: '勞動部',
        orgCode: 'A41000000F',
      });
      const other = await call('POST', '/api/v1/datasets', t.adminToken, {
        name: 'labour-force',
        ownerOrg: 'mol',
      });
      assert.equal(other.json().tw.identifier, 'A41000000F-000001');

      const boundary = 'XbOuNdArY';
      const body = [
        `--${boundary}`,
        'Content-Disposition: form-data; name="name"',
        '',
        '2013 education',
        `--${boundary}`,
        'Content-Disposition: form-data; name="upload"; filename="教育程度.csv"',
        'Content-Type: text/csv',
        '',
        '區域別,總計\n新北市板橋區,1000\n',
        `--${boundary}--`,
        '',
      ].join('\r\n');
      const up = await t.app.inject({
        method: 'POST',
        url: '/api/v1/datasets/village-population/resources',
        payload: body,
        headers: { authorization: t.adminToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      assert.equal(up.statusCode, 201, up.body);
      const res = up.json();
      assert.equal(res.urlType, 'upload');
      assert.equal(res.size, Buffer.byteLength('區域別,總計\n新北市板橋區,1000\n'));
      assert.match(res.sha256, /^[0-9a-f]{64}$/);
      const dl = await call('GET', `/api/v1/resources/${res.id}/download`);
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.body, '區域別,總計\n新北市板橋區,1000\n');
    });

    it('a private dataset is invisible to anonymous users and to members of other organizations', async () => {
      await call('POST', '/api/v1/organizations', t.adminToken, { name: 'mof', title: '財政部' });
      await call('POST', '/api/v1/organizations', t.adminToken, { name: 'moe', title: '教育部' });
      const editor = await userWithToken(t.ctx, 'mof-editor');
      const outsider = await userWithToken(t.ctx, 'moe-member');
      await call('PUT', '/api/v1/organizations/mof/members/mof-editor', t.adminToken, { role: 'editor' });
      await call('PUT', '/api/v1/organizations/moe/members/moe-member', t.adminToken, { role: 'member' });
      const ds = await call('POST', '/api/v1/datasets', editor.token, {
        name: 'tax-secret',
        ownerOrg: 'mof',
        private: true,
      });
      assert.equal(ds.statusCode, 201, ds.body);
      assert.equal((await call('GET', '/api/v1/datasets/tax-secret')).statusCode, 403);
      assert.equal((await call('GET', '/api/v1/datasets/tax-secret', outsider.token)).statusCode, 403);
      assert.equal((await call('GET', '/api/v1/datasets/tax-secret', editor.token)).statusCode, 200);
      const bad = await call('POST', '/api/v1/datasets', outsider.token, { name: 'sneaky', ownerOrg: 'mof' });
      assert.equal(bad.statusCode, 403);
    });

    it('ten parallel resource creates on one dataset leave ten resources', async () => {
      await call('POST', '/api/v1/datasets', t.adminToken, { name: 'parallel', ownerOrg: 'moi' });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          call('POST', '/api/v1/datasets/parallel/resources', t.adminToken, {
            name: `r${i}`,
            url: `https://example.gov.tw/${i}.csv`,
          }),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.statusCode),
        Array(10).fill(201),
      );
      const d = (await call('GET', '/api/v1/datasets/parallel')).json();
      assert.equal(d.resources.length, 10);
      assert.deepEqual(
        d.resources.map((r: { position: number }) => r.position),
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      );
      assert.equal(d.revision, 11);
    });

    it('a write based on a stale revision is refused, never merged', async () => {
      const first = await call(
        'PATCH',
        '/api/v1/datasets/parallel',
        t.adminToken,
        { title: 'A' },
        { 'if-match': '"11"' },
      );
      assert.equal(first.statusCode, 200, first.body);
      const stale = await call(
        'PATCH',
        '/api/v1/datasets/parallel',
        t.adminToken,
        { title: 'B' },
        { 'if-match': '"11"' },
      );
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'ODP_REVISION_CONFLICT');
      assert.equal((await call('GET', '/api/v1/datasets/parallel')).json().title, 'A');
    });

    it('records activity with snapshots that can be diffed', async () => {
      const acts = (await call('GET', '/api/v1/datasets/parallel/activity')).json();
      assert.equal(acts[0].activityType, 'changed package');
      const diff = await call('GET', `/api/v1/datasets/parallel/diff?from=${acts[1].id}&to=${acts[0].id}`);
      const changes = diff.json();
      assert.ok(
        changes.some((c: { path: string; after: unknown }) => c.path === 'title' && c.after === 'A'),
        diff.body,
      );
    });

    it('validates names the way CKAN does', async () => {
      const r = await call('POST', '/api/v1/datasets', t.adminToken, { name: 'Bad Name', ownerOrg: 'moi' });
      assert.equal(r.statusCode, 409);
      assert.deepEqual(r.json().error.fields.name, [
        'Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_',
      ]);
      const dup = await call('POST', '/api/v1/datasets', t.adminToken, { name: 'parallel', ownerOrg: 'moi' });
      assert.deepEqual(dup.json().error.fields.name, ['That URL is already in use.']);
    });
  });
}

for (const dialect of testDialects) {
  describe(`search and datastore wiring on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('finds a dataset by a two-character Chinese word inside its title, right after it is written', async () => {
      const auth = { authorization: t.adminToken };
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        headers: auth,
        payload: { name: 'moe', title: '教育部' },
      });
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/datasets',
        headers: auth,
        payload: { name: 'grad-salary', title: '大學畢業生就業薪資', ownerOrg: 'moe' },
      });
      assert.equal(created.statusCode, 201, created.body);
      const r = await t.app.inject({
        method: 'GET',
        url: `/api/v1/datasets?q=${encodeURIComponent('薪資')}&facet=organization`,
      });
      assert.equal(r.statusCode, 200, r.body);
      const body = r.json();
      assert.equal(body.count, 1);
      assert.equal(body.results[0].name, 'grad-salary');
      await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/organizations/moe',
        headers: auth,
        payload: { title: '中華民國教育部' },
      });
      const byOrg = await t.app.inject({
        method: 'GET',
        url: `/api/v1/datasets?q=${encodeURIComponent('中華民國')}`,
      });
      assert.equal(byOrg.json().count, 1, 'renaming the organization reindexes its datasets');
    });

    it('an uploaded CSV is loaded into the datastore by the job runner', async () => {
      const boundary = 'B0und4ry';
      const csv = '縣市,人數\n臺北市,"1,234"\n臺東縣,56\n';
      const body = [
        `--${boundary}`,
        'Content-Disposition: form-data; name="upload"; filename="counts.csv"',
        'Content-Type: text/csv',
        '',
        csv,
        `--${boundary}--`,
        '',
      ].join('\r\n');
      const up = await t.app.inject({
        method: 'POST',
        url: '/api/v1/datasets/grad-salary/resources',
        payload: body,
        headers: { authorization: t.adminToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      assert.equal(up.statusCode, 201, up.body);
      const job = await t.ctx.jobs.runner.runOnce();
      assert.equal(job?.kind, 'datastore.load');
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/resources/${up.json().id}` });
      assert.equal(res.json().datastoreActive, true);
      const tables = await currentTables(t.ctx.db, up.json().id);
      assert.equal(tables[0]?.rowCount, 2);
      assert.deepEqual(
        tables[0]?.schema.columns.map((c) => [c.label, c.type]),
        [
          ['縣市', 'text'],
          ['人數', 'integer'],
        ],
      );
    });
  });
}

describe('browser sessions', () => {
  it('API writes with a session cookie need the CSRF token; tokens do not', async () => {
    const t = await createTestApp('sqlite');
    try {
      const user = await createUser(t.ctx.db.kysely, {
        name: 'clerk',
        password: 'correct horse',
        sysadmin: true,
      });
      const { sessionId, csrfToken } = await startSession(t.ctx.db.kysely, user.id);
      const cookie = `odp_session=${sessionId}`;
      const payload = { name: 'from-browser' };
      const forged = await t.app.inject({
        method: 'POST',
        url: '/api/v1/datasets',
        headers: { cookie },
        payload,
      });
      assert.equal(forged.statusCode, 403);
      assert.equal(forged.json().error.code, 'ODP_CSRF');
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/v1/datasets',
        headers: { cookie, 'x-csrf-token': csrfToken },
        payload,
      });
      assert.equal(ok.statusCode, 201, ok.body);
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
      assert.equal(me.json().name, 'clerk');
    } finally {
      await t.close();
    }
  });
});
