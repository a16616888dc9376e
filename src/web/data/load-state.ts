/** Where a resource's datastore load stands, read the way the load-status script reads the loads API. */
import { resourceLoads } from '../../datastore/index.ts';
import { LOAD_JOB } from '../../datastore/load-job.ts';
import type { Db } from '../../platform/db/database.ts';

/** A resource's load: queued (a job waits), running (with progress 0..1), done, failed (with the error), none. */
export interface LoadState {
  status: 'queued' | 'running' | 'done' | 'failed' | 'none';
  progress: number;
  error: string;
}

/** Is a load still to finish (the page keeps polling while it is)? */
export const isPending = (s: LoadState): boolean => s.status === 'queued' || s.status === 'running';

/**
 * The latest load of a resource. A load row that is queued or running wins; otherwise a waiting load job
 * (first load, or a retry after a failed attempt) means queued; otherwise the last load's outcome.
 */
export async function loadStateOf(db: Db, resourceId: string): Promise<LoadState> {
  const [loads, job] = await Promise.all([
    resourceLoads(db, resourceId),
    db.kysely
      .selectFrom('jobs')
      .select('status')
      .where('unique_key', '=', `${LOAD_JOB}:${resourceId}`)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const load = loads[0];
  if (load && (load.status === 'queued' || load.status === 'running'))
    return { status: load.status, progress: Number(load.progress), error: '' };
  if (job && (job.status === 'queued' || job.status === 'running'))
    return { status: 'queued', progress: 0, error: '' };
  if (load)
    return { status: load.status, progress: 1, error: load.status === 'failed' ? (load.error ?? '') : '' };
  return { status: 'none', progress: 0, error: '' };
}
