import type { Activity, Dataset, Group } from '../../../catalog/types.ts';
import { ckanTime } from '../ckan-time.ts';
import { groupDict } from './group-dict.ts';
import { packageDict } from './package-dict.ts';

const isDataset = (v: unknown): v is Dataset =>
  typeof v === 'object' && v !== null && 'resources' in v && 'tw' in v;
const isGroup = (v: unknown): v is Group => typeof v === 'object' && v !== null && 'kind' in v;

/** CKAN's activity dict: `data.package` (or `data.group`) is the object as it was after the change. */
export function activityDict(a: Activity, includeData: boolean): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (includeData && isDataset(a.data)) data.package = packageDict(a.data, new Map());
  else if (includeData && isGroup(a.data)) data.group = groupDict(a.data, 0);
  else if (isDataset(a.data)) data.package = { id: a.data.id, name: a.data.name, title: a.data.title };
  return {
    id: a.id,
    timestamp: ckanTime(a.timestamp),
    user_id: a.userId,
    object_id: a.objectId,
    activity_type: a.activityType,
    data,
  };
}
