import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { testDialects } from '../helpers/test-db.ts';
import { action, makeDataset, makeOrg } from './ckan-client.ts';

const CKAN_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

for (const dialect of testDialects) {
  describe(`CKAN Action API transport on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
      await makeOrg(t, 'moi', '內政部');
      await makeDataset(t, { name: 'private-one', owner_org: 'moi', private: true });
    });
    after(() => t.close());

    it('answers the API version at /api/3', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/3' });
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.json(), { version: 3 });
    });

    it('wraps results in CKAN envelope with the absolute help_show URL, on both paths', async () => {
      for (const url of ['/api/3/action/status_show', '/api/action/status_show']) {
        const r = await t.app.inject({ method: 'GET', url });
        assert.equal(r.statusCode, 200);
        assert.match(String(r.headers['content-type']), /^application\/json/);
        const body = r.json();
        assert.equal(body.success, true);
        assert.equal(body.help, 'http://odp.test/api/3/action/help_show?name=status_show');
        assert.equal(body.result.site_url, 'http://odp.test');
        assert.match(body.result.ckan_version, /^2\.1\d\./);
      }
    });

    it('answers an unknown action and GET on a write action with a bare JSON string and 400', async () => {
      const unknown = await action(t, 'no_such_action', { get: {} });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body, 'Bad request - Action name not known: no_such_action');
      const write = await action(t, 'package_create', { get: { name: 'x' } });
      assert.equal(write.status, 400);
      assert.equal(
        write.body,
        'Bad request - JSON Error: Invalid request. Please use POST method for your request',
      );
      const posted = await action(t, 'no_such_action', { post: {} });
      assert.equal(posted.status, 400);
    });

    it('refuses a body that is not a JSON object', async () => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/3/action/package_show',
        payload: '[1,2]',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(r.statusCode, 400);
      assert.match(r.json(), /^Bad request - JSON Error: Request data JSON decoded to/);
      const broken = await t.app.inject({
        method: 'POST',
        url: '/api/3/action/package_show',
        payload: '{"id": ',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(broken.statusCode, 400);
      assert.match(broken.json(), /^Bad request - JSON Error: Error decoding JSON data/);
    });

    it('reads form fields, the old single-key JSON form, repeated GET keys as lists', async () => {
      const form = await t.app.inject({
        method: 'POST',
        url: '/api/3/action/package_show',
        payload: 'id=private-one',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: t.adminToken },
      });
      assert.equal(form.statusCode, 200, form.body);
      assert.equal(form.json().result.name, 'private-one');
      const jsonKey = await t.app.inject({
        method: 'POST',
        url: '/api/3/action/package_show',
        payload: `${encodeURIComponent(JSON.stringify({ id: 'private-one' }))}=1`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: t.adminToken },
      });
      assert.equal(jsonKey.statusCode, 200, jsonKey.body);
      const list = await action(t, 'organization_list', { get: { organizations: ['moi', 'other'] } });
      assert.deepEqual(list.body.result, ['moi']);
    });

    it('accepts the token raw, as Bearer, or as X-CKAN-API-Key; a bad token is anonymous, never 401', async () => {
      const variants: Record<string, string>[] = [
        { authorization: t.adminToken },
        { authorization: `Bearer ${t.adminToken}` },
        { 'x-ckan-api-key': t.adminToken },
      ];
      for (const headers of variants) {
        const r = await action(t, 'package_show', { get: { id: 'private-one' }, headers });
        assert.equal(r.status, 200, JSON.stringify(headers));
      }
      const bad = await action(t, 'package_show', { get: { id: 'private-one' }, token: 'odp_not-a-token' });
      assert.equal(bad.status, 403);
      assert.equal(bad.body.error.__type, 'Authorization Error');
      assert.match(bad.body.error.message, /^Access denied: /);
      const open = await action(t, 'status_show', { get: {}, token: 'odp_not-a-token' });
      assert.equal(open.status, 200);
    });

    it('maps errors to CKAN envelopes: 404 Not Found Error, 409 Validation Error by field', async () => {
      const missing = await action(t, 'package_show', { get: { id: 'nothing-here' } });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.success, false);
      assert.equal(missing.body.error.__type, 'Not Found Error');
      assert.match(missing.body.error.message, /^Not found/);
      assert.equal(missing.body.help, 'http://odp.test/api/3/action/help_show?name=package_show');
      const noId = await action(t, 'package_show', { get: {} });
      assert.equal(noId.status, 409);
      assert.deepEqual(noId.body.error, { __type: 'Validation Error', name_or_id: ['Missing value'] });
      const badLimit = await action(t, 'package_list', { get: { limit: '-1' } });
      assert.equal(badLimit.status, 409);
      assert.deepEqual(badLimit.body.error.limit, ['Must be a natural number']);
    });

    it('answers JSONP on GET as anonymous, wrapped in the callback', async () => {
      const r = await action(t, 'package_show', {
        get: { id: 'private-one', callback: 'handle' },
        token: t.adminToken,
      });
      assert.equal(r.status, 403, 'a JSONP call never carries the user');
      const ok = await t.app.inject({ method: 'GET', url: '/api/3/action/status_show?callback=handle' });
      assert.equal(ok.statusCode, 200);
      assert.match(String(ok.headers['content-type']), /^application\/javascript/);
      assert.match(ok.body, /^\/\*\*\/handle\(\{"help":.*\}\);$/);
      const evil = await t.app.inject({ method: 'GET', url: '/api/3/action/status_show?callback=alert(1)' });
      assert.equal(evil.statusCode, 400);
    });

    it('writes datetimes as naive UTC with microseconds', async () => {
      const r = await action(t, 'package_show', { get: { id: 'private-one' }, token: t.adminToken });
      assert.match(r.body.result.metadata_created, CKAN_TIME);
      assert.match(r.body.result.metadata_modified, CKAN_TIME);
      assert.match(r.body.result.organization.created, CKAN_TIME);
    });

    it('help_show returns the help text of an action', async () => {
      const r = await action(t, 'help_show', { get: { name: 'package_search' } });
      assert.equal(r.status, 200);
      assert.match(r.body.result, /facet\.field/);
      const none = await action(t, 'help_show', { get: { name: 'nope' } });
      assert.equal(none.status, 404);
    });
  });
}
