import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildContext } from '../src/app.ts';
import { actorForUser } from '../src/catalog/actor.ts';
import { createDataset } from '../src/catalog/dataset-service.ts';
import { loadConfig } from '../src/config.ts';
import { createUser } from '../src/platform/auth/users.ts';
import { openDb } from '../src/platform/db/database.ts';

const main = join(import.meta.dirname, '../src/cli/main.ts');

function odp(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [main, ...args], {
    env: { ...process.env, ODP_DEMO: 'false', ODP_LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

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

async function until(what: string, ok: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('web-only serve (ODP_JOB_WORKERS=0) beside odp worker', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'odp-worker-'));
  const started: ChildProcess[] = [];
  after(async () => {
    for (const p of started) if (p.exitCode === null) p.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serve leaves queued jobs alone; odp worker runs them and stops cleanly on SIGTERM', async () => {
    const ctx = await buildContext(loadConfig({ ODP_DATA_DIR: dataDir, ODP_LOG_LEVEL: 'silent' }));
    let datasetId = '';
    try {
      const admin = await createUser(ctx.db.kysely, { name: 'admin', sysadmin: true });
      const d = await createDataset(ctx.catalog, await actorForUser(ctx.db.kysely, admin.id), {
        name: 'road-works',
        title: '道路施工',
      });
      datasetId = d.id;
    } finally {
      for (const close of [...ctx.closers].reverse()) await close();
    }
    assert.equal(await checkStatus(dataDir, datasetId), 'queued', 'a dataset write queues its quality check');

    const port = String(4100 + Math.floor(Math.random() * 800));
    const web = odp(['serve'], { ODP_DATA_DIR: dataDir, PORT: port, ODP_JOB_WORKERS: '0' });
    started.push(web);
    await until(
      'serve',
      async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok === true,
    );
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await checkStatus(dataDir, datasetId), 'queued', 'a web-only node runs no jobs');

    const worker = odp(['worker', '--jobs', '2'], { ODP_DATA_DIR: dataDir });
    started.push(worker);
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
