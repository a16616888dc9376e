import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { actorForUser } from '../src/catalog/actor.ts';
import { createDataset } from '../src/catalog/dataset-service.ts';
import { loadConfig } from '../src/config.ts';
import { createUser } from '../src/platform/auth/users.ts';
import { openDb } from '../src/platform/db/database.ts';
import { odpScope, serving, testPort, until, withStore } from './helpers/odp-process.ts';

async function exitCode(p: ChildProcess): Promise<number | null> {
  if (p.exitCode !== null) return p.exitCode;
  return new Promise((resolve) => p.once('exit', (code) => resolve(code)));
}

/** Status of the quality check queued for a dataset, read from the store as another process would. */
async function checkStatus(dataDir: string, datasetId: string): Promise<string | undefined> {
  const db = openDb({ kind: 'sqlite', path: join(dataDir, 'odp.sqlite') });
  try {
    const jobs = await db.kysely
      .selectFrom('jobs')
      .select(['status', 'payload'])
      .where('kind', '=', 'quality.check')
      .execute();
    return jobs.find((j) => String(j.payload).includes(datasetId))?.status;
  } finally {
    await db.close();
  }
}

describe('web-only serve (ODP_JOB_WORKERS=0) beside odp worker', () => {
  const scope = odpScope('odp-worker-');
  const dataDir = scope.dataDir;

  it('serve leaves queued jobs alone; odp worker runs them and stops cleanly on SIGTERM', async () => {
    const datasetId = await withStore(dataDir, async (ctx) => {
      const admin = await createUser(ctx.db.kysely, { name: 'admin', sysadmin: true });
      const d = await createDataset(ctx.catalog, await actorForUser(ctx.db.kysely, admin.id), {
        name: 'road-works',
        title: '道路施工',
      });
      return d.id;
    });
    assert.equal(await checkStatus(dataDir, datasetId), 'queued', 'a dataset write queues its quality check');

    const port = testPort();
    const web = scope.start(['serve'], { PORT: String(port), ODP_JOB_WORKERS: '0' });
    await serving(port);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await checkStatus(dataDir, datasetId), 'queued', 'a web-only node runs no jobs');

    const worker = scope.start(['worker', '--jobs', '2']);
    await until(
      'the worker to run the check',
      async () => (await checkStatus(dataDir, datasetId)) === 'succeeded',
    );
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/datasets/road-works`);
    assert.equal(((await res.json()) as { quality: { stars: number } | null }).quality?.stars, 0);

    worker.kill('SIGTERM');
    web.kill('SIGTERM');
    assert.equal(await exitCode(worker), 0);
    assert.equal(await exitCode(web), 0);
  });

  it('refuses a bad ODP_JOB_WORKERS with a clear message', () => {
    assert.throws(() => loadConfig({ ODP_JOB_WORKERS: 'many' }), /ODP_JOB_WORKERS/);
    assert.throws(() => loadConfig({ ODP_JOB_WORKERS: '-1' }), /ODP_JOB_WORKERS/);
    assert.equal(loadConfig({}).jobWorkers, 1);
  });
});
