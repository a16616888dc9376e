import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { insertDataset, makeDataset, makeResource } from '../../test/helpers/quality-data.ts';
import { createTestDb, testDialects } from '../../test/helpers/test-db.ts';
import { claimNext, listJobs } from '../platform/jobs/index.ts';
import { enqueueDueChecks, enqueueQualityCheck, QUALITY_CHECK } from './quality-jobs.ts';
import { qualityOf } from './quality-store.ts';
import { runQualityChecks } from './run-checks.ts';

for (const dialect of testDialects) {
  describe(`queueing quality checks on ${dialect}`, () => {
    it('keeps one pending check per dataset, and one follow-up when a change lands during a check', async () => {
      const t = await createTestDb(dialect);
      try {
        const first = await enqueueQualityCheck(t.db, 'ds-1');
        assert.equal((await enqueueQualityCheck(t.db, 'ds-1')).id, first.id);
        const running = await claimNext(t.db, 'worker', [QUALITY_CHECK], 60_000);
        assert.equal(running?.id, first.id);
        const followUp = await enqueueQualityCheck(t.db, 'ds-1');
        assert.notEqual(followUp.id, first.id);
        assert.equal(followUp.status, 'queued');
        assert.equal((await enqueueQualityCheck(t.db, 'ds-1')).id, followUp.id);
        assert.equal((await listJobs(t.db, { kind: QUALITY_CHECK })).length, 2);
      } finally {
        await t.dispose();
      }
    });

    it('adds no follow-up to a check whose runner died (it will start over)', async () => {
      const t = await createTestDb(dialect);
      try {
        const first = await enqueueQualityCheck(t.db, 'ds-2');
        await claimNext(t.db, 'dead', [QUALITY_CHECK], 1, new Date(Date.now() - 60_000));
        assert.equal((await enqueueQualityCheck(t.db, 'ds-2')).id, first.id);
      } finally {
        await t.dispose();
      }
    });

    it('the sweep queues never-checked datasets before long-checked ones', async () => {
      const t = await createTestDb(dialect);
      try {
        const old = await insertDataset(t.db, makeDataset({ name: 'checked-long-ago' }));
        const fresh = await insertDataset(t.db, makeDataset({ name: 'never-checked' }));
        await t.db.kysely
          .insertInto('dataset_quality')
          .values({
            dataset_id: old.id,
            stars: 3,
            mark: 'silver',
            failed: '[]',
            checked_at: '2020-01-01T00:00:00.000Z',
            run_id: 'r1',
            broken_links: 0,
            stale: 0,
          })
          .execute();
        assert.equal(await enqueueDueChecks(t.db, new Date(), 1), 1);
        const queued = await listJobs(t.db, { kind: QUALITY_CHECK });
        assert.deepEqual(
          queued.map((j) => (j.payload as { datasetId: string }).datasetId),
          [fresh.id],
        );
        assert.equal(
          await enqueueDueChecks(t.db, new Date('2019-01-01'), 10),
          1,
          'recent enough: only the unchecked',
        );
      } finally {
        await t.dispose();
      }
    });

    it('a check stopped mid-fetch (server shutting down) stores nothing rather than a broken link', async () => {
      const t = await createTestDb(dialect);
      const server = http.createServer(() => {}); // accepts, never answers
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow.csv`;
        const d = await insertDataset(t.db, makeDataset({ resources: [makeResource({ url })] }));
        const stop = new AbortController();
        setTimeout(() => stop.abort(new Error('stopping')), 200);
        await assert.rejects(
          runQualityChecks(t.db, d.id, { fetch: { allowLoopback: true, signal: stop.signal } }),
        );
        assert.equal(await qualityOf(t.db, d.id), null);
      } finally {
        server.closeAllConnections();
        server.close();
        await t.dispose();
      }
    });
  });
}
