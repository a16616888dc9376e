import { type Selectable, sql } from 'kysely';
import type { Db, Queryable } from '../db/database.ts';
import { PENDING_UNIQUE } from '../db/migrations/030-jobs.ts';
import { newId } from '../ids.ts';
import type { EnqueueOptions, Job, JobStatus, JobsTable } from './job-types.ts';

const iso = (d: Date): string => d.toISOString();
const later = (now: Date, ms: number): string => new Date(now.getTime() + ms).toISOString();

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** Maps a jobs row to the Job shape handlers and admins see. */
export function jobFromRow(r: Selectable<JobsTable>): Job {
  return {
    id: r.id,
    kind: r.kind,
    payload: parse(r.payload),
    status: r.status as JobStatus,
    priority: r.priority,
    runAt: r.run_at,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lastError: r.last_error,
    result: parse(r.result),
    lockedBy: r.locked_by,
    lockedUntil: r.locked_until,
    uniqueKey: r.unique_key,
    everyMs: r.every_ms === null ? null : Number(r.every_ms),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

/**
 * Adds a job. With `uniqueKey`, returns the already queued/running job of that key instead of adding one
 * (no error, so it is safe inside a caller's transaction). Accepts a transaction so a job can be
 * enqueued atomically with the change that caused it.
 */
export async function enqueue(
  db: Db | Queryable,
  kind: string,
  payload: unknown,
  opts: EnqueueOptions = {},
): Promise<Job> {
  const q = 'kysely' in db ? db.kysely : db;
  const now = new Date();
  const row: JobsTable = {
    id: newId(),
    kind,
    payload: JSON.stringify(payload ?? null),
    status: 'queued',
    priority: opts.priority ?? 0,
    run_at: iso(opts.runAt ?? now),
    attempts: 0,
    max_attempts: Math.max(1, opts.maxAttempts ?? 5),
    last_error: null,
    result: null,
    locked_by: null,
    locked_until: null,
    unique_key: opts.uniqueKey ?? null,
    every_ms: opts.everyMs ?? null,
    created_at: iso(now),
    updated_at: iso(now),
    started_at: null,
    finished_at: null,
  };
  const inserted = await q
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) => oc.column('unique_key').where(sql.raw<boolean>(PENDING_UNIQUE)).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return jobFromRow(inserted);
  const existing = await q
    .selectFrom('jobs')
    .selectAll()
    .where('unique_key', '=', row.unique_key)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirstOrThrow();
  return jobFromRow(existing);
}

/**
 * Claims the next due job of the given kinds for `workerId`, holding it for `leaseMs`. A job whose lease
 * has run out (its runner died) is due again. PostgreSQL: the candidate row is locked with
 * FOR UPDATE SKIP LOCKED so concurrent runners take different jobs; SQLite: one UPDATE statement whose
 * WHERE re-checks the job is still claimable, so at most one claimer's update matches.
 */
export async function claimNext(
  db: Db,
  workerId: string,
  kinds: readonly string[],
  leaseMs: number,
  now: Date = new Date(),
): Promise<Job | null> {
  if (kinds.length === 0) return null;
  const nowIso = iso(now);
  const q = db.kysely;
  let candidate = q
    .selectFrom('jobs')
    .select('id')
    .where('kind', 'in', kinds)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', nowIso)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', nowIso)]),
      ]),
    )
    .orderBy('priority', 'desc')
    .orderBy('run_at')
    .limit(1);
  if (db.dialect === 'postgres') candidate = candidate.forUpdate().skipLocked();
  const row = await q
    .updateTable('jobs')
    .set({
      status: 'running',
      locked_by: workerId,
      locked_until: later(now, leaseMs),
      attempts: sql<number>`attempts + 1`,
      started_at: nowIso,
      updated_at: nowIso,
    })
    .where('id', '=', candidate)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', nowIso)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', nowIso)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
  return row ? jobFromRow(row) : null;
}

/** Extends the lease; false when the job is no longer held by this worker (taken over or cancelled). */
export async function renewLease(db: Db, id: string, workerId: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  const r = await db.kysely
    .updateTable('jobs')
    .set({ locked_until: later(now, leaseMs), updated_at: iso(now) })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records success; a recurring job is queued again `everyMs` later. False if the lease was lost. */
export async function markSucceeded(db: Db, job: Job, workerId: string, result: unknown): Promise<boolean> {
  const now = new Date();
  const base = {
    result: JSON.stringify(result ?? null),
    last_error: null,
    locked_by: null,
    locked_until: null,
  };
  const r = await db.kysely
    .updateTable('jobs')
    .set(
      job.everyMs
        ? { ...base, status: 'queued', attempts: 0, run_at: later(now, job.everyMs), updated_at: iso(now) }
        : { ...base, status: 'succeeded', finished_at: iso(now), updated_at: iso(now) },
    )
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Records a failed attempt: queued again after `retryInMs` while attempts remain, else failed
 * (a recurring job then waits for its next occurrence instead). False if the lease was lost.
 */
export async function markFailed(
  db: Db,
  job: Job,
  workerId: string,
  error: string,
  retryInMs: number,
): Promise<boolean> {
  const now = new Date();
  const base = {
    last_error: error.slice(0, 4000),
    locked_by: null,
    locked_until: null,
    updated_at: iso(now),
  };
  const retry = job.attempts < job.maxAttempts;
  const set = retry
    ? { ...base, status: 'queued', run_at: later(now, retryInMs) }
    : job.everyMs
      ? { ...base, status: 'queued', attempts: 0, run_at: later(now, job.everyMs) }
      : { ...base, status: 'failed', finished_at: iso(now) };
  const r = await db.kysely
    .updateTable('jobs')
    .set(set)
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives a job back untouched (runner shutting down): queued now, the interrupted attempt not counted. */
export async function releaseJob(db: Db, job: Job, workerId: string): Promise<void> {
  await db.kysely
    .updateTable('jobs')
    .set({
      status: 'queued',
      attempts: Math.max(0, job.attempts - 1),
      locked_by: null,
      locked_until: null,
      updated_at: iso(new Date()),
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .execute();
}
