import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDb, testDialects } from '../../../test/helpers/test-db.ts';
import { openDb } from '../db/database.ts';
import { getJob, listJobs } from './job-admin.ts';
import { createJobRegistry } from './job-registry.ts';
import { createJobRunner } from './job-runner.ts';
import { claimNext, enqueue } from './job-store.ts';

for (const dialect of testDialects) {
  describe(`job runner on ${dialect}`, () => {
    it('runs a queued job once with its payload and records the result', async () => {
      const t = await createTestDb(dialect);
      try {
        const registry = createJobRegistry();
        const seen: unknown[] = [];
        registry.register('echo', async ({ payload }) => {
          seen.push(payload);
          return { ok: true };
        });
        const job = await enqueue(t.db, 'echo', { n: 1 });
        const runner = createJobRunner(t.db, { registry });
        assert.equal((await runner.runOnce())?.id, job.id);
        assert.equal(await runner.runOnce(), null);
        assert.deepEqual(seen, [{ n: 1 }]);
        const done = await getJob(t.db, job.id);
        assert.equal(done?.status, 'succeeded');
        assert.deepEqual(done?.result, { ok: true });
        assert.equal(done?.attempts, 1);
      } finally {
        await t.dispose();
      }
    });

    it('retries a failing job with backoff, then marks it failed with the error for the admin list', async () => {
      const t = await createTestDb(dialect);
      try {
        const registry = createJobRegistry();
        let calls = 0;
        registry.register('flaky', async () => {
          calls++;
          throw new Error(`boom ${calls}`);
        });
        const job = await enqueue(t.db, 'flaky', {}, { maxAttempts: 2 });
        const slow = createJobRunner(t.db, { registry, backoffMs: () => 60_000 });
        await slow.runOnce();
        const waiting = await getJob(t.db, job.id);
        assert.equal(waiting?.status, 'queued');
        assert.ok(Date.parse(waiting?.runAt ?? '') > Date.now() + 50_000, 'retry scheduled a minute later');
        assert.equal(await slow.runOnce(), null, 'not due before the backoff');

        await t.db.kysely.updateTable('jobs').set({ run_at: new Date().toISOString() }).execute();
        await slow.runOnce();
        const [listed] = await listJobs(t.db, { status: 'failed' });
        assert.equal(listed?.id, job.id);
        assert.equal(listed?.attempts, 2);
        assert.equal(listed?.lastError, 'Error: boom 2');
        assert.equal(calls, 2);
      } finally {
        await t.dispose();
      }
    });

    it('does not start a job before its time, and a unique key keeps one pending job', async () => {
      const t = await createTestDb(dialect);
      try {
        const registry = createJobRegistry();
        registry.register('later', async () => null);
        const a = await enqueue(
          t.db,
          'later',
          { v: 1 },
          { uniqueKey: 'k', runAt: new Date(Date.now() + 3_600_000) },
        );
        const b = await enqueue(t.db, 'later', { v: 2 }, { uniqueKey: 'k' });
        assert.equal(b.id, a.id);
        assert.equal((await listJobs(t.db)).length, 1);
        assert.equal(await createJobRunner(t.db, { registry }).runOnce(), null);
      } finally {
        await t.dispose();
      }
    });

    it('re-arms a recurring job after each run', async () => {
      const t = await createTestDb(dialect);
      try {
        const registry = createJobRegistry();
        let runs = 0;
        registry.register('tick', async () => ++runs);
        const job = await enqueue(t.db, 'tick', null, { everyMs: 86_400_000, uniqueKey: 'daily-tick' });
        await createJobRunner(t.db, { registry }).runOnce();
        const after = await getJob(t.db, job.id);
        assert.equal(after?.status, 'queued');
        assert.equal(after?.attempts, 0);
        assert.ok(Date.parse(after?.runAt ?? '') > Date.now() + 86_000_000);
        assert.equal(runs, 1);
      } finally {
        await t.dispose();
      }
    });

    it('takes over a job whose runner died once the lease expires', async () => {
      const t = await createTestDb(dialect);
      try {
        const registry = createJobRegistry();
        const ranBy: string[] = [];
        registry.register('work', async ({ job }) => {
          ranBy.push(job.lockedBy ?? '');
        });
        const job = await enqueue(t.db, 'work', {});
        // A runner claims the job, then its process dies: no completion, no lease renewal.
        const dead = await claimNext(t.db, 'dead-runner', ['work'], 300);
        assert.equal(dead?.id, job.id);
        const fresh = createJobRunner(t.db, { registry, workerId: 'new-runner' });
        assert.equal(await fresh.runOnce(), null, 'still leased to the dead runner');
        await sleep(400);
        assert.equal((await fresh.runOnce())?.id, job.id);
        const done = await getJob(t.db, job.id);
        assert.equal(done?.status, 'succeeded');
        assert.equal(done?.attempts, 2);
        assert.deepEqual(ranBy, ['new-runner']);
      } finally {
        await t.dispose();
      }
    });

    it('two runners polling together run every job exactly once', async () => {
      const t = await createTestDb(dialect);
      try {
        const registry = createJobRegistry();
        const runs = new Map<string, string[]>();
        registry.register('count', async ({ job }) => {
          runs.set(job.id, [...(runs.get(job.id) ?? []), job.lockedBy ?? '']);
          await sleep(5);
        });
        const ids = new Set<string>();
        for (let i = 0; i < 40; i++) ids.add((await enqueue(t.db, 'count', { i })).id);
        const opts = { registry, pollMs: 20, concurrency: 3 };
        const a = createJobRunner(t.db, { ...opts, workerId: 'a' });
        const b = createJobRunner(t.db, { ...opts, workerId: 'b' });
        a.start();
        b.start();
        const deadline = Date.now() + 15_000;
        while (runs.size < ids.size && Date.now() < deadline) await sleep(20);
        await Promise.all([a.stop(), b.stop()]);
        assert.equal(runs.size, ids.size);
        for (const [id, by] of runs) assert.equal(by.length, 1, `job ${id} ran ${by.length} times`);
        const workers = new Set([...runs.values()].flat());
        assert.ok(workers.has('a') && workers.has('b'), 'both runners did work');
        const left = await listJobs(t.db, { status: 'succeeded', limit: 500 });
        assert.equal(left.length, ids.size);
      } finally {
        await t.dispose();
      }
    });

    it('stop() aborts a running handler and gives the job back without spending an attempt', async () => {
      const t = await createTestDb(dialect);
      try {
        const registry = createJobRegistry();
        let started = false;
        registry.register('long', ({ signal }) => {
          started = true;
          return new Promise((_resolve, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason)),
          );
        });
        const job = await enqueue(t.db, 'long', {});
        const runner = createJobRunner(t.db, { registry, pollMs: 10 });
        runner.start();
        while (!started) await sleep(5);
        await runner.stop();
        const back = await getJob(t.db, job.id);
        assert.equal(back?.status, 'queued');
        assert.equal(back?.attempts, 0);
        assert.equal(back?.lockedBy, null);
      } finally {
        await t.dispose();
      }
    });
  });
}

describe('job runner across a restart (SQLite file)', () => {
  it('a job queued before the process stopped runs after it starts again', async () => {
    const t = await createTestDb('sqlite');
    try {
      const job = await enqueue(t.db, 'persisted', { file: 'x.csv' });
      await t.db.close();
      const reopened = openDb({ kind: 'sqlite', path: join(t.dir, 'odp.sqlite') });
      t.db = reopened;
      const registry = createJobRegistry();
      const seen: unknown[] = [];
      registry.register('persisted', async ({ payload }) => {
        seen.push(payload);
      });
      assert.equal((await createJobRunner(reopened, { registry }).runOnce())?.id, job.id);
      assert.deepEqual(seen, [{ file: 'x.csv' }]);
    } finally {
      await t.dispose();
    }
  });
});

describe('job runner in a busy serving process', () => {
  it('lets the event loop in between jobs (SQLite queries settle as microtasks), so requests are not starved', async () => {
    const t = await createTestDb('sqlite');
    const registry = createJobRegistry();
    let done = 0;
    registry.register('tiny', async ({ db }) => {
      await db.kysely.selectFrom('jobs').select('id').limit(1).execute();
      done++;
    });
    const total = 200;
    for (let i = 0; i < total; i++) await enqueue(t.db, 'tiny', { i });
    const runner = createJobRunner(t.db, { registry, pollMs: 20 });
    try {
      const seenAt = new Promise<number>((resolve) => {
        runner.start();
        setTimeout(() => resolve(done), 0);
      });
      assert.ok((await seenAt) < total, 'a timer (like an incoming request) ran before the backlog was done');
      while (done < total) await sleep(20);
    } finally {
      await runner.stop();
      await t.dispose();
    }
  });

  it('waits while the process is busy, runs once it is not, and never waits longer than maxYieldMs', async () => {
    const t = await createTestDb('sqlite');
    const registry = createJobRegistry();
    const ran: string[] = [];
    registry.register('note', async ({ payload }) => {
      ran.push((payload as { name: string }).name);
    });
    let busy = true;
    const runner = createJobRunner(t.db, { registry, pollMs: 20, busy: () => busy, maxYieldMs: 400 });
    try {
      await enqueue(t.db, 'note', { name: 'first' });
      runner.start();
      await sleep(150);
      assert.deepEqual(ran, [], 'requests in flight come first');
      busy = false;
      await sleep(150);
      assert.deepEqual(ran, ['first']);

      busy = true;
      await enqueue(t.db, 'note', { name: 'second' });
      const t0 = performance.now();
      while (ran.length < 2 && performance.now() - t0 < 3000) await sleep(20);
      assert.deepEqual(ran, ['first', 'second'], 'a process that is always busy still runs its jobs');
    } finally {
      await runner.stop();
      await t.dispose();
    }
  });
});
