import type { Db } from '../db/database.ts';
import { jobFromRow } from './job-store.ts';
import type { Job, JobStatus } from './job-types.ts';

export interface JobListFilter {
  status?: JobStatus;
  kind?: string;
  /** Default 50, at most 500. */
  limit?: number;
  offset?: number;
}

/** Jobs for the admin page, newest first, with status, attempts, last error and schedule. */
export async function listJobs(db: Db, filter: JobListFilter = {}): Promise<Job[]> {
  let q = db.kysely.selectFrom('jobs').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(Math.min(Math.max(filter.limit ?? 50, 1), 500))
    .offset(Math.max(filter.offset ?? 0, 0))
    .execute();
  return rows.map(jobFromRow);
}

/** Counts of jobs per status (the admin dashboard's summary line). */
export async function countJobsByStatus(db: Db): Promise<Record<JobStatus, number>> {
  const rows = await db.kysely
    .selectFrom('jobs')
    .select(['status', db.kysely.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const out: Record<JobStatus, number> = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
  for (const r of rows) if (r.status in out) out[r.status as JobStatus] = Number(r.n);
  return out;
}

/** One job by id, or null. */
export async function getJob(db: Db, id: string): Promise<Job | null> {
  const row = await db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? jobFromRow(row) : null;
}

/** Cancels a job that has not started; true when it was cancelled. */
export async function cancelJob(db: Db, id: string): Promise<boolean> {
  const now = new Date().toISOString();
  const r = await db.kysely
    .updateTable('jobs')
    .set({ status: 'cancelled', finished_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Queues a failed job again with a fresh set of attempts; true when it was re-queued. */
export async function retryJob(db: Db, id: string): Promise<boolean> {
  const now = new Date().toISOString();
  const r = await db.kysely
    .updateTable('jobs')
    .set({ status: 'queued', attempts: 0, run_at: now, finished_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
