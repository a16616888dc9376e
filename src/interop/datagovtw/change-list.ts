/**
 * Daily change lists (like data.gov.tw's 每日異動資料集清單): which datasets were added, changed or deleted
 * on one Taiwan calendar day, from activity rows. Each dataset appears once, by its net effect that day:
 * created (and perhaps edited) -> added; edited -> changed; edited or not, then deleted -> deleted;
 * created and deleted the same day -> not listed (nobody outside could have seen it in a previous list).
 */

import type { Activity } from '../../catalog/types.ts';

export interface ChangeEntry {
  datasetId: string;
  name: string;
  title: string;
  /** Time of the last activity of the day (UTC ISO). */
  timestamp: string;
}

export interface ChangeList {
  /** The Taiwan calendar date listed, YYYY-MM-DD. */
  date: string;
  added: ChangeEntry[];
  changed: ChangeEntry[];
  deleted: ChangeEntry[];
}

const TAIWAN_OFFSET_MS = 8 * 3600_000;

/** The UTC instants [start, end) of a Taiwan calendar day. */
export function taiwanDayBounds(date: string): { start: string; end: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a date: ${date}`);
  const start = Date.parse(`${date}T00:00:00Z`) - TAIWAN_OFFSET_MS;
  if (Number.isNaN(start)) throw new RangeError(`not a date: ${date}`);
  return { start: new Date(start).toISOString(), end: new Date(start + 86_400_000).toISOString() };
}

function snapshotField(data: unknown, key: 'name' | 'title'): string {
  if (typeof data !== 'object' || data === null) return '';
  const v = (data as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : '';
}

/**
 * Builds the change list for `date` (Taiwan time). `activities` may hold any rows (other days, other object
 * types); resource activities count as a change of their dataset (their snapshot is the dataset).
 */
export function dailyChangeList(activities: Iterable<Activity>, date: string): ChangeList {
  const { start, end } = taiwanDayBounds(date);
  const perDataset = new Map<string, { created: boolean; deleted: boolean; last: Activity }>();
  const rows = [...activities]
    .filter((a) => a.timestamp >= start && a.timestamp < end)
    .filter((a) => a.objectType === 'dataset' || a.objectType === 'resource')
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  for (const a of rows) {
    const id = a.objectType === 'dataset' ? a.objectId : snapshotId(a.data);
    if (!id) continue;
    const state = perDataset.get(id) ?? { created: false, deleted: false, last: a };
    if (a.activityType === 'new package') state.created = true;
    if (a.activityType === 'deleted package') state.deleted = true;
    else if (a.objectType === 'dataset' && a.activityType !== 'deleted package') state.deleted = false;
    state.last = a;
    perDataset.set(id, state);
  }
  const list: ChangeList = { date, added: [], changed: [], deleted: [] };
  for (const [datasetId, s] of perDataset) {
    const entry = {
      datasetId,
      name: snapshotField(s.last.data, 'name'),
      title: snapshotField(s.last.data, 'title'),
      timestamp: s.last.timestamp,
    };
    if (s.created && s.deleted) continue;
    if (s.deleted) list.deleted.push(entry);
    else if (s.created) list.added.push(entry);
    else list.changed.push(entry);
  }
  return list;
}

function snapshotId(data: unknown): string {
  if (typeof data !== 'object' || data === null) return '';
  const v = (data as Record<string, unknown>).id;
  return typeof v === 'string' ? v : '';
}
