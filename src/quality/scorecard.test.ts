import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { insertDataset, insertOrg, makeDataset } from '../../test/helpers/quality-data.ts';
import { createTestDb, testDialects } from '../../test/helpers/test-db.ts';
import type { Db } from '../platform/db/database.ts';
import { createJobRegistry, createJobRunner } from '../platform/jobs/index.ts';
import type { Mark } from './criteria.ts';
import { enqueueQualityCheck, registerQualityJobs } from './quality-jobs.ts';
import { qualityOf } from './quality-store.ts';
import { scorecard, takeScorecardSnapshots } from './scorecard.ts';
import { scorecardsCsv } from './scorecard-csv.ts';

interface Q {
  stars: number;
  mark: Mark;
  stale?: boolean;
  broken?: number;
}

/** A dataset of `org` with a stored quality summary (or none when q is null). */
async function datasetWith(
  db: Db,
  org: string,
  q: Q | null,
  over: { private?: boolean } = {},
): Promise<string> {
  const d = await insertDataset(db, makeDataset({ ownerOrg: org, private: over.private ?? false }));
  if (q) {
    await db.kysely
      .insertInto('dataset_quality')
      .values({
        dataset_id: d.id,
        stars: q.stars,
        mark: q.mark,
        failed: '[]',
        checked_at: '2026-11-01T00:00:00.000Z',
        run_id: 'r',
        broken_links: q.broken ?? 0,
        stale: q.stale ? 1 : 0,
      })
      .execute();
  }
  return d.id;
}

for (const dialect of testDialects) {
  describe(`agency scorecards on ${dialect}`, () => {
    it('rolls sub-agencies up to the ministry; private and unchecked datasets are handled', async () => {
      const t = await createTestDb(dialect);
      try {
        const ministry = await insertOrg(t.db, 'moi');
        const a = await insertOrg(t.db, 'moi-dept-a', ministry);
        const b = await insertOrg(t.db, 'moi-dept-b', ministry);
        const other = await insertOrg(t.db, 'mof');
        await datasetWith(t.db, a, { stars: 3, mark: 'gold' });
        await datasetWith(t.db, a, { stars: 0, mark: 'none', broken: 2 });
        await datasetWith(t.db, b, { stars: 2, mark: 'bronze', stale: true });
        await datasetWith(t.db, ministry, null);
        await datasetWith(t.db, b, { stars: 3, mark: 'platinum' }, { private: true });
        await datasetWith(t.db, other, { stars: 5, mark: 'platinum' });

        const card = await scorecard(t.db, ministry);
        assert.ok(card);
        assert.deepEqual(card.subOrgIds, [a, b].sort());
        assert.equal(card.datasets, 4);
        assert.equal(card.checked, 3);
        assert.equal(card.averageStars, 1.67);
        assert.equal(card.openShare, 0.667);
        assert.equal(card.openFormatShare, 0.333);
        assert.deepEqual(card.marks, { none: 1, bronze: 1, silver: 0, gold: 1, platinum: 0 });
        assert.equal(card.stale, 1);
        assert.equal(card.brokenLinks, 2);

        const own = await scorecard(t.db, ministry, { includeSubOrgs: false });
        assert.equal(own?.datasets, 1);
        assert.equal(own?.averageStars, null);
        assert.equal((await scorecard(t.db, a))?.datasets, 2);
        assert.equal(await scorecard(t.db, 'no-such-org'), null);
      } finally {
        await t.dispose();
      }
    });

    it('daily snapshots make a trend; the same day is replaced, not duplicated', async () => {
      const t = await createTestDb(dialect);
      try {
        const org = await insertOrg(t.db, 'ndc');
        await datasetWith(t.db, org, { stars: 1, mark: 'bronze' });
        const yesterday = new Date(Date.now() - 86_400_000);
        await takeScorecardSnapshots(t.db, yesterday);
        await datasetWith(t.db, org, { stars: 3, mark: 'silver' });
        await takeScorecardSnapshots(t.db);
        await takeScorecardSnapshots(t.db);
        const card = await scorecard(t.db, org);
        assert.deepEqual(
          card?.trend.map((p) => [p.day, p.datasets, p.averageStars]),
          [
            [yesterday.toISOString().slice(0, 10), 1, 1],
            [new Date().toISOString().slice(0, 10), 2, 2],
          ],
        );
      } finally {
        await t.dispose();
      }
    });

    it('exports every agency as CSV for Excel: BOM, header in the chosen language, formulas neutralised', async () => {
      const t = await createTestDb(dialect);
      try {
        const parent = await insertOrg(t.db, 'moe');
        const child = await insertOrg(t.db, 'moe-stats', parent);
        await t.db.kysely
          .updateTable('groups')
          .set({ title: '=HYPERLINK("http://x")' })
          .where('id', '=', child)
          .execute();
        await datasetWith(t.db, child, { stars: 3, mark: 'silver' });
        const csv = await scorecardsCsv(t.db);
        assert.ok(csv.startsWith('\uFEFF機關網址名,機關名稱,上級機關,資料集數'));
        const lines = csv.slice(1).trimEnd().split('\r\n');
        assert.equal(lines.length, 3);
        assert.equal(lines[1], 'moe,moe,,1,1,1,1,3,0,0,1,0,0,0,0');
        assert.equal(lines[2], `moe-stats,"'=HYPERLINK(""http://x"")",moe,1,1,1,1,3,0,0,1,0,0,0,0`);
        const en = await scorecardsCsv(t.db, { lang: 'en' });
        assert.ok(en.startsWith('\uFEFForg_name,org_title,parent_org,datasets'));
      } finally {
        await t.dispose();
      }
    });

    it('quality jobs: a queued check runs in the job runner and stores the summary', async () => {
      const t = await createTestDb(dialect);
      try {
        const registry = createJobRegistry();
        registerQualityJobs({ fetch: { timeoutMs: 2000, resolver: async () => ['10.0.0.7'] } }, {}, registry);
        const org = await insertOrg(t.db, 'cip');
        const id = await datasetWith(t.db, org, null);
        const first = await enqueueQualityCheck(t.db, id);
        assert.equal((await enqueueQualityCheck(t.db, id)).id, first.id, 'one pending check per dataset');
        // The link's host resolves to a private address: refused, so a broken link, stored as such.
        await createJobRunner(t.db, { registry }).runOnce();
        const q = await qualityOf(t.db, id);
        assert.equal(q?.mark, 'none');
        assert.equal(q?.brokenLinks, 1);
      } finally {
        await t.dispose();
      }
    });
  });
}
