/**
 * The 'harvest.run' job kind: one run of one source. Sources with a schedule get one recurring job
 * (every N hours, unique per source); a sysadmin's "run now" is a one-off job or an inline run.
 */

import type { AppContext } from '../../app-context.ts';
import { conflict } from '../../platform/errors.ts';
import { cancelJob, enqueue, type Job } from '../../platform/jobs/index.ts';
import { type HarvestReport, runHarvest } from './run.ts';
import { findSource, type HarvestSource } from './sources.ts';

export const HARVEST_JOB = 'harvest.run';
const scheduleKey = (sourceId: string) => `${HARVEST_JOB}:${sourceId}:schedule`;
const nowKey = (sourceId: string) => `${HARVEST_JOB}:${sourceId}:now`;

/** Sources being harvested by this process: a second run of the same source waits its turn elsewhere. */
const running = new Set<string>();

/** Runs a source now in this process (409 when it is already running here). */
export async function runSourceNow(
  ctx: AppContext,
  source: HarvestSource,
  opts: { allowFiles?: boolean; signal?: AbortSignal } = {},
): Promise<HarvestReport> {
  if (running.has(source.id))
    throw conflict('This source is being harvested right now', 'ODP_HARVEST_RUNNING');
  running.add(source.id);
  try {
    return await runHarvest(
      {
        catalog: ctx.catalog,
        policy: {
          allowLoopback: ctx.config.allowLoopbackFetch,
          allowFiles: opts.allowFiles ?? false,
          signal: opts.signal,
        },
      },
      source,
    );
  } finally {
    running.delete(source.id);
  }
}

/** Registers the job kind on the app's registry. */
export function registerHarvestJob(ctx: AppContext): void {
  ctx.jobs.registry.register(HARVEST_JOB, async ({ payload, signal }) => {
    const { sourceId } = payload as { sourceId: string };
    const source = await findSource(ctx.db.kysely, sourceId);
    if (source?.state !== 'active') return { skipped: 'source missing or disabled' };
    const report = await runSourceNow(ctx, source, { signal });
    return { ...report, errors: report.errors.slice(0, 20) };
  });
}

/** Cancels the queued recurring job of a source (if any). */
export async function unscheduleSource(ctx: AppContext, sourceId: string): Promise<void> {
  const rows = await ctx.db.kysely
    .selectFrom('jobs')
    .select('id')
    .where('unique_key', '=', scheduleKey(sourceId))
    .where('status', '=', 'queued')
    .execute();
  for (const r of rows) await cancelJob(ctx.db, r.id);
}

/** (Re)arms the recurring job of a source after it was created or changed; none when on demand or disabled. */
export async function scheduleSource(ctx: AppContext, source: HarvestSource): Promise<Job | null> {
  await unscheduleSource(ctx, source.id);
  if (source.scheduleHours <= 0 || source.state !== 'active') return null;
  return enqueue(
    ctx.db,
    HARVEST_JOB,
    { sourceId: source.id },
    { everyMs: source.scheduleHours * 3_600_000, uniqueKey: scheduleKey(source.id), maxAttempts: 3 },
  );
}

/** Queues a one-off run of a source (at most one pending per source). */
export async function queueRun(ctx: AppContext, source: HarvestSource): Promise<Job> {
  return enqueue(
    ctx.db,
    HARVEST_JOB,
    { sourceId: source.id },
    { uniqueKey: nowKey(source.id), maxAttempts: 1 },
  );
}
