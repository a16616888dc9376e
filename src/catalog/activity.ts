import type { Queryable } from '../platform/db/database.ts';
import type { ActivitiesTable } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import type { Activity } from './types.ts';

/** Records one change with its actor and a full snapshot of the object after the change. */
export async function recordActivity(
  db: Queryable,
  a: Omit<Activity, 'id' | 'timestamp'> & { datasetId: string | null; timestamp?: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('activities')
    .values({
      id,
      timestamp: a.timestamp ?? new Date().toISOString(),
      user_id: a.userId,
      object_id: a.objectId,
      object_type: a.objectType,
      activity_type: a.activityType,
      dataset_id: a.datasetId,
      data: JSON.stringify(a.data),
    })
    .execute();
  return id;
}

function fromRow(r: ActivitiesTable): Activity {
  return {
    id: r.id,
    timestamp: r.timestamp,
    userId: r.user_id,
    objectId: r.object_id,
    objectType: r.object_type as Activity['objectType'],
    activityType: r.activity_type,
    data: JSON.parse(r.data),
  };
}

export interface ActivityPage {
  limit: number;
  offset: number;
  /** Only activities strictly older than this time. */
  before?: string;
  /** Only activities strictly newer than this time. */
  after?: string;
}

/** Which activities a listing covers. */
type ActivityScope = { datasetId: string } | { objectId: string } | 'all-datasets';

/** Newest-first activities of a scope, one page, optionally bounded in time. */
async function listActivity(db: Queryable, scope: ActivityScope, page: ActivityPage): Promise<Activity[]> {
  let q = db.selectFrom('activities').selectAll();
  if (scope === 'all-datasets') q = q.where('dataset_id', 'is not', null);
  else if ('datasetId' in scope) q = q.where('dataset_id', '=', scope.datasetId);
  else q = q.where('object_id', '=', scope.objectId);
  if (page.before) q = q.where('timestamp', '<', page.before);
  if (page.after) q = q.where('timestamp', '>', page.after);
  const rows = await q
    .orderBy('timestamp', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(fromRow);
}

/** Newest-first activity of one dataset (including its resources). */
export const listDatasetActivity = (
  db: Queryable,
  datasetId: string,
  page: ActivityPage,
): Promise<Activity[]> => listActivity(db, { datasetId }, page);

/** Newest-first activity of any object (organization pages). */
export const listObjectActivity = (
  db: Queryable,
  objectId: string,
  page: ActivityPage,
): Promise<Activity[]> => listActivity(db, { objectId }, page);

/** Newest-first activity across datasets, for recently_changed_packages_activity_list and change feeds. */
export const listRecentDatasetActivity = (db: Queryable, page: ActivityPage): Promise<Activity[]> =>
  listActivity(db, 'all-datasets', page);

export async function getActivity(db: Queryable, id: string): Promise<Activity | null> {
  const row = await db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** One changed field between two snapshots. */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** Diffs two snapshots field by field (nested objects by dotted path, arrays compared whole). */
export function diffSnapshots(before: unknown, after: unknown, path = ''): FieldChange[] {
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffSnapshots(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}
