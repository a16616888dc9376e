import type { Dataset } from '../catalog/types.ts';
import { parseUpdateFrequency, UPDATE_FREQUENCIES } from '../catalog/update-frequencies.ts';

export interface FreshnessCheck {
  /** Key of UPDATE_FREQUENCIES, or '' when the dataset declares none we know. */
  frequency: string;
  /** When the data last changed: newest resource lastModified, else the dataset's modified time. */
  lastUpdated: string;
  ageDays: number;
  /** Longest allowed gap for the frequency, or null when the frequency sets none (irregular, never). */
  maxAgeDays: number | null;
  stale: boolean;
  ok: boolean;
}

const DAY = 86_400_000;

/** The time the data last changed (resources' lastModified; metadata-only edits do not count). */
export function lastDataUpdate(dataset: Pick<Dataset, 'modified' | 'resources'>): string {
  const times = dataset.resources
    .filter((r) => r.state === 'active')
    .map((r) => r.lastModified ?? r.created)
    .filter((t): t is string => Boolean(t));
  return times.sort().at(-1) ?? dataset.modified;
}

/**
 * Freshness against the declared update frequency (更新頻率): a monthly dataset not updated for
 * 90 days is stale. An unknown frequency fails (the metadata check reports it too).
 */
export function checkFreshness(
  dataset: Pick<Dataset, 'modified' | 'resources' | 'tw'>,
  now: Date,
): FreshnessCheck {
  const key = parseUpdateFrequency(dataset.tw.updateFrequency);
  const lastUpdated = lastDataUpdate(dataset);
  const ageDays = Math.max(0, Math.floor((now.getTime() - Date.parse(lastUpdated)) / DAY));
  if (!key) return { frequency: '', lastUpdated, ageDays, maxAgeDays: null, stale: false, ok: false };
  const maxAgeDays = UPDATE_FREQUENCIES[key].maxAgeDays;
  const stale = maxAgeDays !== null && ageDays > maxAgeDays;
  return { frequency: key, lastUpdated, ageDays, maxAgeDays, stale, ok: !stale };
}
