import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { enqueue } from '../../src/platform/jobs/index.ts';
import { QUALITY_CHECK } from '../../src/quality/index.ts';
import { createTestApp, type TestApp, userWithToken } from '../helpers/test-app.ts';
import { testDialects } from '../helpers/test-db.ts';
import { call } from './setup.ts';

for (const dialect of testDialects) {
  describe(`job admin API on ${dialect}`, () => {
    let t: TestApp;
    let user: { token: string };
    let failedId = '';
    before(async () => {
      t = await createTestApp(dialect);
      user = await userWithToken(t.ctx, 'publisher');
      // A check without a dataset id fails at once (one attempt): something for an admin to retry.
      failedId = (await enqueue(t.ctx.db, QUALITY_CHECK, {}, { maxAttempts: 1 })).id;
      const ran = await t.ctx.jobs.runner.runOnce();
      assert.equal(ran?.id, failedId);
    });
    after(() => t.close());

    it('refuses anonymous users and publishers who are not sysadmins', async () => {
      for (const token of [undefined, user.token]) {
        const list = await call(t, 'GET', '/api/v1/admin/jobs', token ? { token } : {});
        assert.equal(list.status, 403, list.text);
        assert.equal(list.json.error.code, 'ODP_SYSADMIN_ONLY');
        const retry = await call(t, 'POST', `/api/v1/admin/jobs/${failedId}/retry`, token ? { token } : {});
        assert.equal(retry.status, 403);
        assert.equal(
          (await call(t, 'GET', `/api/v1/admin/jobs/${failedId}`, token ? { token } : {})).status,
          403,
        );
      }
      const job = await call(t, 'GET', `/api/v1/admin/jobs/${failedId}`, { token: t.adminToken });
      assert.equal(job.json.status, 'failed', 'refused calls changed nothing');
    });

    it('lists jobs with counts and filters, showing the error of a failed job', async () => {
      const all = await call(t, 'GET', '/api/v1/admin/jobs', { token: t.adminToken });
      assert.equal(all.status, 200, all.text);
      assert.equal(all.json.counts.failed, 1);
      assert.ok(all.json.kinds.includes('quality.check'));
      assert.ok(all.json.kinds.includes('datastore.load'));
      const failed = await call(t, 'GET', '/api/v1/admin/jobs?status=failed&kind=quality.check', {
        token: t.adminToken,
      });
      assert.equal(failed.json.jobs.length, 1);
      assert.match(failed.json.jobs[0].lastError, /datasetId/);
      const other = await call(t, 'GET', '/api/v1/admin/jobs?kind=datastore.load', { token: t.adminToken });
      assert.equal(other.json.jobs.length, 0);
      assert.equal(
        (await call(t, 'GET', '/api/v1/admin/jobs?status=bogus', { token: t.adminToken })).status,
        400,
      );
    });

    it('retries a failed job, cancels a queued one, and refuses both in the wrong state', async () => {
      const retried = await call(t, 'POST', `/api/v1/admin/jobs/${failedId}/retry`, { token: t.adminToken });
      assert.equal(retried.status, 200, retried.text);
      assert.equal(retried.json.status, 'queued');
      assert.equal(retried.json.attempts, 0);
      const again = await call(t, 'POST', `/api/v1/admin/jobs/${failedId}/retry`, { token: t.adminToken });
      assert.equal(again.status, 409);
      const cancelled = await call(t, 'POST', `/api/v1/admin/jobs/${failedId}/cancel`, {
        token: t.adminToken,
      });
      assert.equal(cancelled.json.status, 'cancelled');
      assert.equal(await t.ctx.jobs.runner.runOnce(), null, 'a cancelled job does not run');
      const twice = await call(t, 'POST', `/api/v1/admin/jobs/${failedId}/cancel`, { token: t.adminToken });
      assert.equal(twice.status, 409);
      const missing = await call(t, 'POST', '/api/v1/admin/jobs/nope/retry', { token: t.adminToken });
      assert.equal(missing.status, 404);
    });
  });
}
