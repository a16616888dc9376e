import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp, userWithToken } from '../helpers/test-app.ts';
import { testDialects } from '../helpers/test-db.ts';
import { action, makeDataset, makeOrg } from './ckan-client.ts';

/** CKAN's package_show key set (ckan/tests/logic/action/test_get.py test_package_show_with_full_dataset). */
const PACKAGE_KEYS = [
  'author',
  'author_email',
  'creator_user_id',
  'extras',
  'groups',
  'id',
  'isopen',
  'license_id',
  'license_title',
  'maintainer',
  'maintainer_email',
  'metadata_created',
  'metadata_modified',
  'name',
  'notes',
  'num_resources',
  'num_tags',
  'organization',
  'owner_org',
  'private',
  'relationships_as_object',
  'relationships_as_subject',
  'resources',
  'state',
  'tags',
  'title',
  'type',
  'url',
  'version',
];
const RESOURCE_KEYS = [
  'cache_last_updated',
  'cache_url',
  'created',
  'description',
  'format',
  'hash',
  'id',
  'last_modified',
  'metadata_modified',
  'mimetype',
  'mimetype_inner',
  'name',
  'package_id',
  'position',
  'resource_type',
  'size',
  'state',
  'url',
  'url_type',
];
const ORG_KEYS = [
  'approval_status',
  'created',
  'description',
  'id',
  'image_url',
  'is_organization',
  'name',
  'state',
  'title',
  'type',
];
const GROUP_KEYS = ['description', 'display_name', 'id', 'image_display_url', 'name', 'title'];
const TAG_KEYS = ['display_name', 'id', 'name', 'state', 'vocabulary_id'];

const hasKeys = (dict: Record<string, unknown>, keys: string[], what: string) => {
  const missing = keys.filter((k) => !(k in dict));
  assert.deepEqual(missing, [], `${what} lacks ${missing.join(', ')}`);
};

function multipart(fields: Record<string, string>, file: { name: string; type: string; content: string }) {
  const boundary = 'CkanBoundary42';
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n${file.content}\r\n`,
  );
  return {
    payload: `${parts.join('')}--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

for (const dialect of testDialects) {
  describe(`CKAN dataset and resource actions on ${dialect}`, () => {
    let t: TestApp;
    let editor: { id: string; token: string };
    let outsider: { id: string; token: string };
    before(async () => {
      t = await createTestApp(dialect);
      await makeOrg(t, 'moi', '內政部');
      await makeOrg(t, 'mof', '財政部');
      editor = await userWithToken(t.ctx, 'editor');
      outsider = await userWithToken(t.ctx, 'outsider');
      const m = await action(t, 'organization_member_create', {
        post: { id: 'moi', username: 'editor', role: 'editor' },
        token: t.adminToken,
      });
      assert.equal(m.status, 200, m.text);
    });
    after(() => t.close());

    it("package_show gives CKAN's full key set, with data.gov.tw fields as extra keys", async () => {
      const created = await makeDataset(t, {
        name: 'village-population',
        title: '村里人口',
        owner_org: 'moi',
        tags: [{ name: '人口' }, { name: 'population' }],
        extras: [{ key: 'subject', value: 'science' }],
        groups: [{ name: 'category-i00' }],
        resources: [{ url: 'http://example.com/image.png', format: 'png', name: 'Image 1' }],
        update_frequency: 'annual',
        contact_email: 'a@moi.gov.tw',
      });
      const r = await action(t, 'package_show', { get: { id: created.id } });
      assert.equal(r.status, 200);
      const p = r.body.result;
      hasKeys(p, PACKAGE_KEYS, 'package');
      hasKeys(p.resources[0], RESOURCE_KEYS, 'resource');
      hasKeys(p.organization, ORG_KEYS, 'organization');
      hasKeys(p.groups[0], GROUP_KEYS, 'group');
      hasKeys(p.tags[0], TAG_KEYS, 'tag');
      assert.deepEqual(p.extras, [{ key: 'subject', value: 'science' }]);
      assert.deepEqual(p.tags.map((x: { name: string }) => x.name).sort(), ['population', '人口']);
      assert.equal(p.num_tags, 2);
      assert.equal(p.num_resources, 1);
      assert.equal(p.organization.name, 'moi');
      assert.equal(p.resources[0].package_id, created.id);
      assert.equal(p.resources[0].format, 'png');
      assert.equal(p.update_frequency, 'annual');
      assert.equal(p.contact_email, 'a@moi.gov.tw');
      assert.equal(p.license_id, 'gov-tw-1.0');
      assert.equal(p.isopen, true);
      const byName = await action(t, 'package_show', { get: { id: 'village-population' } });
      assert.equal(byName.body.result.id, created.id);
    });

    it("validates names with CKAN's messages", async () => {
      const cases: [unknown, string][] = [
        [undefined, 'Missing value'],
        ['a', 'Must be at least 2 characters long'],
        ['Has Spaces', 'Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_'],
        ['village-population', 'That URL is already in use.'],
        ['x'.repeat(101), 'Name must be a maximum of 100 characters long'],
      ];
      for (const [name, message] of cases) {
        const r = await action(t, 'package_create', {
          post: { name, owner_org: 'moi' },
          token: t.adminToken,
        });
        assert.equal(r.status, 409, String(name));
        assert.equal(r.body.error.__type, 'Validation Error');
        assert.deepEqual(r.body.error.name, [message], String(name));
      }
    });

    it('private needs an organization; only sysadmins set the id', async () => {
      const priv = await action(t, 'package_create', {
        post: { name: 'no-org', private: true },
        token: t.adminToken,
      });
      assert.equal(priv.status, 409);
      assert.deepEqual(priv.body.error.private, ['Datasets with no organization can not be private.']);
      const id = '11111111-2222-4333-8444-555555555555';
      const byAdmin = await makeDataset(t, { name: 'with-id', id, owner_org: 'moi' });
      assert.equal(byAdmin.id, id);
      const other = '99999999-2222-4333-8444-555555555555';
      const byEditor = await makeDataset(t, { name: 'editor-id', id: other, owner_org: 'moi' }, editor.token);
      assert.notEqual(byEditor.id, other, 'a non-sysadmin id is ignored, as CKAN does');
    });

    it('editors create in their organization only; outsiders and anonymous get 403', async () => {
      const ok = await action(t, 'package_create', {
        post: { name: 'by-editor', owner_org: 'moi' },
        token: editor.token,
      });
      assert.equal(ok.status, 200, ok.text);
      const elsewhere = await action(t, 'package_create', {
        post: { name: 'elsewhere', owner_org: 'mof' },
        token: editor.token,
      });
      assert.equal(elsewhere.status, 403);
      const anon = await action(t, 'package_create', { post: { name: 'anon-try', owner_org: 'moi' } });
      assert.equal(anon.status, 403);
      assert.equal(anon.body.error.__type, 'Authorization Error');
    });

    it('private and deleted datasets: 403 without rights, shown to those with rights; unknown 404', async () => {
      await makeDataset(t, { name: 'secret', owner_org: 'moi', private: true });
      assert.equal((await action(t, 'package_show', { get: { id: 'secret' } })).status, 403);
      assert.equal(
        (await action(t, 'package_show', { get: { id: 'secret' }, token: outsider.token })).status,
        403,
      );
      assert.equal(
        (await action(t, 'package_show', { get: { id: 'secret' }, token: editor.token })).status,
        200,
      );
      await makeDataset(t, { name: 'to-delete', owner_org: 'moi' });
      const del = await action(t, 'package_delete', { post: { id: 'to-delete' }, token: editor.token });
      assert.equal(del.status, 200, del.text);
      assert.equal(del.body.result, null);
      assert.equal((await action(t, 'package_show', { get: { id: 'to-delete' } })).status, 403);
      const seen = await action(t, 'package_show', { get: { id: 'to-delete' }, token: editor.token });
      assert.equal(seen.status, 200);
      assert.equal(seen.body.result.state, 'deleted');
      const list = await action(t, 'package_list', { get: {} });
      assert.ok(!list.body.result.includes('to-delete'));
      assert.ok(!list.body.result.includes('secret'));
      assert.ok(list.body.result.includes('village-population'));
    });

    it('re-using the name of a deleted dataset renames the old one to its id', async () => {
      const old = await makeDataset(t, { name: 'reborn', owner_org: 'moi' });
      await action(t, 'package_delete', { post: { id: 'reborn' }, token: t.adminToken });
      const fresh = await makeDataset(t, { name: 'reborn', owner_org: 'moi' });
      assert.notEqual(fresh.id, old.id);
      const renamed = await action(t, 'package_show', { get: { id: old.id }, token: t.adminToken });
      assert.equal(renamed.body.result.name, old.id);
    });

    it('package_update replaces fields and keeps resources when omitted; package_patch merges', async () => {
      const d = await makeDataset(t, {
        name: 'update-me',
        owner_org: 'moi',
        notes: 'old notes',
        author: 'someone',
        resources: [{ url: 'http://example.com/a.csv', name: 'A' }],
      });
      const up = await action(t, 'package_update', {
        post: { id: d.id, name: 'update-me', title: 'New title' },
        token: editor.token,
      });
      assert.equal(up.status, 200, up.text);
      assert.equal(up.body.result.title, 'New title');
      assert.equal(up.body.result.notes, '', 'absent fields are reset');
      assert.equal(up.body.result.author, '');
      assert.equal(up.body.result.resources.length, 1, 'resources kept when omitted');
      const patched = await action(t, 'package_patch', {
        post: { id: 'update-me', notes: 'patched' },
        token: editor.token,
      });
      assert.equal(patched.body.result.title, 'New title');
      assert.equal(patched.body.result.notes, 'patched');
      const missing = await action(t, 'package_update', { post: { id: 'nope-nope' }, token: t.adminToken });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.message, 'Not found: Package was not found.');
      const denied = await action(t, 'package_patch', {
        post: { id: 'update-me', notes: 'x' },
        token: outsider.token,
      });
      assert.equal(denied.status, 403);
    });

    it('dataset_purge is for sysadmins and removes the dataset', async () => {
      await makeDataset(t, { name: 'purge-me', owner_org: 'moi' });
      assert.equal(
        (await action(t, 'dataset_purge', { post: { id: 'purge-me' }, token: editor.token })).status,
        403,
      );
      assert.equal(
        (await action(t, 'dataset_purge', { post: { id: 'purge-me' }, token: t.adminToken })).status,
        200,
      );
      assert.equal(
        (await action(t, 'package_show', { get: { id: 'purge-me' }, token: t.adminToken })).status,
        404,
      );
    });

    it('resource_create by link and by multipart upload (url_type upload, size, hash)', async () => {
      const d = await makeDataset(t, { name: 'with-files', owner_org: 'moi' });
      const link = await action(t, 'resource_create', {
        post: { package_id: d.id, url: 'https://example.com/data.csv', name: 'Link' },
        token: editor.token,
      });
      assert.equal(link.status, 200, link.text);
      assert.equal(link.body.result.format, 'CSV');
      assert.equal(link.body.result.url_type, null);
      const content = '區域別,總計\n板橋區,1000\n';
      const mp = multipart(
        { package_id: d.id, name: '教育程度' },
        { name: 'edu.csv', type: 'text/csv', content },
      );
      const up = await t.app.inject({
        method: 'POST',
        url: '/api/3/action/resource_create',
        payload: mp.payload,
        headers: { 'content-type': mp.contentType, authorization: editor.token },
      });
      assert.equal(up.statusCode, 200, up.body);
      const res = up.json().result;
      assert.equal(res.url_type, 'upload');
      assert.equal(res.size, Buffer.byteLength(content));
      assert.match(res.hash, /^[0-9a-f]{64}$/);
      assert.equal(res.name, '教育程度');
      const file = await t.app.inject({ method: 'GET', url: new URL(res.url).pathname });
      assert.equal(file.statusCode, 200);
      assert.equal(file.body, content);
      const missing = await action(t, 'resource_create', {
        post: { url: 'https://x.org/a' },
        token: editor.token,
      });
      assert.deepEqual(missing.body.error.package_id, ['Missing value']);
    });

    it('resource_show, resource_update (replace), resource_patch (merge), resource_delete', async () => {
      const d = await makeDataset(t, {
        name: 'res-life',
        owner_org: 'moi',
        resources: [{ url: 'https://example.com/a.csv', name: 'A', description: 'first' }],
      });
      const rid = d.resources[0].id;
      const shown = await action(t, 'resource_show', { get: { id: rid } });
      assert.equal(shown.body.result.name, 'A');
      const up = await action(t, 'resource_update', {
        post: { id: rid, url: 'https://example.com/b.json', name: 'B' },
        token: editor.token,
      });
      assert.equal(up.status, 200, up.text);
      assert.equal(up.body.result.description, '', 'replace resets absent fields');
      assert.equal(up.body.result.format, 'JSON');
      const patched = await action(t, 'resource_patch', {
        post: { id: rid, description: 'patched' },
        token: editor.token,
      });
      assert.equal(patched.body.result.name, 'B');
      assert.equal(patched.body.result.description, 'patched');
      const del = await action(t, 'resource_delete', { post: { id: rid }, token: editor.token });
      assert.equal(del.status, 200);
      const gone = await action(t, 'resource_show', { get: { id: rid } });
      assert.equal(gone.status, 404);
      assert.equal(gone.body.error.message, 'Not found: Resource was not found.');
      const after = await action(t, 'package_show', { get: { id: d.id } });
      assert.equal(after.body.result.num_resources, 0);
    });
  });
}
