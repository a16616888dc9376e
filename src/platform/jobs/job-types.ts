import type { Db } from '../db/database.ts';

/** queued -> running -> succeeded | failed (after max attempts) | cancelled; a failed attempt re-queues. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Row of the `jobs` table (see migration 030-jobs). Times are ISO text. */
export interface JobsTable {
  id: string;
  kind: string;
  /** JSON text. */
  payload: string;
  status: string;
  priority: number;
  run_at: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  /** JSON text of what the handler returned, or null. */
  result: string | null;
  /** Id of the runner holding the lease while running. */
  locked_by: string | null;
  /** Lease end: past it, another runner may take the job over. */
  locked_until: string | null;
  unique_key: string | null;
  /** Recurring interval; after each run the same row is queued again this much later. */
  every_ms: number | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

declare module '../db/schema.ts' {
  interface Tables {
    jobs: JobsTable;
  }
}

/** A job as shown to an admin and passed to handlers. */
export interface Job {
  id: string;
  kind: string;
  payload: unknown;
  status: JobStatus;
  priority: number;
  runAt: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  result: unknown;
  lockedBy: string | null;
  lockedUntil: string | null;
  uniqueKey: string | null;
  everyMs: number | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface EnqueueOptions {
  /** When the job may start (default now). */
  runAt?: Date;
  /** Higher runs first (default 0). */
  priority?: number;
  /** Attempts before the job is marked failed (default 5). */
  maxAttempts?: number;
  /** While a job with this key is queued or running, enqueue returns that job instead of adding one. */
  uniqueKey?: string;
  /** Makes the job recurring: after each run it is queued again this many ms later. */
  everyMs?: number;
}

/** What a handler receives. `signal` aborts when the runner stops or loses the lease. */
export interface JobContext {
  job: Job;
  payload: unknown;
  db: Db;
  signal: AbortSignal;
}

/** Runs one job; throwing schedules a retry with backoff. The returned value is stored as the result. */
export type JobHandler = (ctx: JobContext) => Promise<unknown>;
