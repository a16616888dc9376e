import { sql } from 'kysely';
import type { Db, Queryable } from '../platform/db/database.ts';
import { defaultJobRegistry, enqueue, type Job, type JobRegistry } from '../platform/jobs/index.ts';
import { type QualityDeps, runQualityChecks } from './run-checks.ts';
import { takeScorecardSnapshots } from './scorecard.ts';
import './quality-tables.ts';

export const QUALITY_CHECK = 'quality.check';
export const QUALITY_SWEEP = 'quality.sweep';
export const QUALITY_SNAPSHOT = 'quality.snapshot';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Checks run after datastore loads and harvests of the same moment (they make the checks meaningful). */
const CHECK_PRIORITY = -10;

const checkOptions = (datasetId: string, runAt?: Date, suffix = '') => ({
  maxAttempts: 3,
  runAt,
  priority: CHECK_PRIORITY,
  uniqueKey: `${QUALITY_CHECK}:${datasetId}${suffix}`,
});

/**
 * Queues a check of one dataset (call after it or its resources change); one pending check per dataset.
 * Accepts a transaction, so the check is queued atomically with the change. When the dataset's check is
 * running right now (it may have read the dataset before this change), one follow-up check is queued;
 * a "running" job whose lease ran out (its runner died) will start over and read the change anyway.
 */
export async function enqueueQualityCheck(db: Db | Queryable, datasetId: string, runAt?: Date): Promise<Job> {
  const job = await enqueue(db, QUALITY_CHECK, { datasetId }, checkOptions(datasetId, runAt));
  const leaseHeld = job.lockedUntil !== null && job.lockedUntil > new Date().toISOString();
  if (job.status !== 'running' || !leaseHeld) return job;
  return enqueue(db, QUALITY_CHECK, { datasetId }, checkOptions(datasetId, runAt, ':again'));
}

/** Queues checks for active datasets never checked or last checked before `olderThan`; returns how many. */
export async function enqueueDueChecks(db: Db, olderThan: Date, limit = 500): Promise<number> {
  const rows = await db.kysely
    .selectFrom('datasets as d')
    .leftJoin('dataset_quality as q', 'q.dataset_id', 'd.id')
    .select('d.id')
    .where('d.state', '=', 'active')
    .where((eb) => eb.or([eb('q.checked_at', 'is', null), eb('q.checked_at', '<', olderThan.toISOString())]))
    // Never-checked first on both engines (PostgreSQL sorts nulls last by default), then the oldest.
    .orderBy(sql`case when q.checked_at is null then 0 else 1 end`)
    .orderBy('q.checked_at')
    .limit(limit)
    .execute();
  // No follow-ups here: nothing changed, a check already pending or running is enough.
  for (const r of rows) await enqueue(db, QUALITY_CHECK, { datasetId: r.id }, checkOptions(r.id));
  return rows.length;
}

export interface QualityJobOptions {
  /** Recheck datasets whose last check is older than this (default 7 days). */
  recheckAfterMs?: number;
  /** How often the sweep runs (default hourly: each sweep queues at most 500 checks). */
  sweepEveryMs?: number;
}

/**
 * Registers the quality job kinds: `quality.check` (one dataset), `quality.sweep` (queues due checks) and
 * `quality.snapshot` (daily scorecard figures for trends).
 */
export function registerQualityJobs(
  deps: QualityDeps,
  opts: QualityJobOptions = {},
  registry: JobRegistry = defaultJobRegistry,
): void {
  registry.register(QUALITY_CHECK, async ({ db, payload, signal }) => {
    const datasetId = (payload as { datasetId?: unknown } | null)?.datasetId;
    if (typeof datasetId !== 'string') throw new Error('quality.check needs {datasetId}');
    const state = await db.kysely
      .selectFrom('datasets')
      .select('state')
      .where('id', '=', datasetId)
      .executeTakeFirst();
    // Deleted datasets leave the catalog: nothing to check, and retrying would not change that.
    if (!state || state.state === 'deleted') return { skipped: state ? 'dataset deleted' : 'dataset gone' };
    // The runner's signal stops the fetches when the server stops or the lease is lost.
    const report = await runQualityChecks(db, datasetId, { ...deps, fetch: { ...deps.fetch, signal } });
    return { stars: report.stars, mark: report.mark, failed: report.failedCriteria.map((c) => c.id) };
  });
  registry.register(QUALITY_SWEEP, async ({ db }) => ({
    queued: await enqueueDueChecks(db, new Date(Date.now() - (opts.recheckAfterMs ?? 7 * DAY))),
  }));
  registry.register(QUALITY_SNAPSHOT, async ({ db }) => ({
    organizations: await takeScorecardSnapshots(db),
  }));
}

/** Puts the recurring sweep and snapshot jobs in the queue once (safe to call at every start). */
export async function scheduleQualityJobs(db: Db, opts: QualityJobOptions = {}): Promise<void> {
  await enqueue(db, QUALITY_SWEEP, null, { uniqueKey: QUALITY_SWEEP, everyMs: opts.sweepEveryMs ?? HOUR });
  await enqueue(db, QUALITY_SNAPSHOT, null, { uniqueKey: QUALITY_SNAPSHOT, everyMs: DAY });
}
