import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildApp, buildContext } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createToken, createUser } from '../../src/platform/auth/users.ts';
import { claimNext } from '../../src/platform/jobs/index.ts';
import { QUALITY_CHECK } from '../../src/quality/index.ts';
import { scheduleQuality } from '../../src/quality/wiring.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { call, createLinkedDataset, createOrg, drain, type FileServer, startFileServer } from './setup.ts';

/** An ODP over the SQLite file in `dir`, as the server would build it. */
async function openApp(dir: string, adminToken: string): Promise<TestApp> {
  const config = loadConfig(
    {},
    { dataDir: dir, baseUrl: 'http://odp.test', logLevel: 'silent', demo: false, allowLoopbackFetch: true },
  );
  const ctx = await buildContext(config);
  const app = await buildApp(ctx);
  return { app, ctx, adminToken, close: () => app.close() };
}

describe('quality jobs survive a restart of the app (SQLite file)', () => {
  let dir = '';
  let files: FileServer;
  let token = '';
  const ids: Record<string, string> = {};

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'odp-restart-'));
    files = await startFileServer();
    const first = await openApp(dir, '');
    const admin = await createUser(first.ctx.db.kysely, { name: 'admin', sysadmin: true });
    token = (await createToken(first.ctx.db.kysely, admin.id, 'test')).token;
    const t = { ...first, adminToken: token };
    await createOrg(t, 'moi', '內政部');
    for (const name of ['waiting', 'interrupted']) {
      ids[name] = (
        await createLinkedDataset(t, { name, org: 'moi', url: `${files.base}/income.csv`, format: 'CSV' })
      ).id;
    }
    await scheduleQuality(t.ctx);
    // A process that died while checking 'interrupted': it holds the job with a lease that has run out.
    const held = await claimNext(t.ctx.db, 'dead-worker', [QUALITY_CHECK], 1);
    assert.ok(held);
    await first.close();
  });
  after(async () => {
    await files.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a new app over the same file runs the queued and the interrupted checks, once each', async () => {
    const t = await openApp(dir, token);
    try {
      assert.equal((await call(t, 'GET', '/api/v1/datasets/waiting')).json.quality, null);
      await scheduleQuality(t.ctx); // at every start: must not duplicate the recurring jobs
      const sweeps = await call(t, 'GET', '/api/v1/admin/jobs?kind=quality.sweep', { token });
      assert.equal(sweeps.json.jobs.length, 1);
      const ran = await drain(t);
      assert.equal(ran.filter((k) => k === QUALITY_CHECK).length, 2);
      for (const name of ['waiting', 'interrupted']) {
        const q = (await call(t, 'GET', `/api/v1/datasets/${name}`)).json.quality;
        assert.equal(q.stars, 3, name);
        const history = (await call(t, 'GET', `/api/v1/datasets/${name}/quality`)).json.history;
        assert.equal(history.length, 1, `${name} was checked exactly once`);
      }
      const done = await call(t, 'GET', '/api/v1/admin/jobs?kind=quality.check&status=succeeded', { token });
      assert.deepEqual(
        done.json.jobs.map((j: { payload: { datasetId: string } }) => j.payload.datasetId).sort(),
        Object.values(ids).sort(),
      );
    } finally {
      await t.close();
    }
  });
});
