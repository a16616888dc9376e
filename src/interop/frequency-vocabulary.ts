/**
 * Update frequencies (更新頻率) across vocabularies: the catalog's keys (src/catalog/update-frequencies.ts),
 * the EU Publications Office frequency concepts DCAT-AP requires, labels as agencies write them
 * ("每1日", "不定期更新", "無"), and the {unit, every} period of data.gov.tw's publishing API v2.
 */

import {
  parseUpdateFrequency,
  UPDATE_FREQUENCIES,
  type UpdateFrequency,
} from '../catalog/update-frequencies.ts';

export const EU_FREQUENCY_BASE = 'http://publications.europa.eu/resource/authority/frequency/';

const EU_CODE: Record<UpdateFrequency, string> = {
  realtime: 'UPDATE_CONT',
  hourly: 'HOURLY',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  semiannual: 'ANNUAL_2',
  annual: 'ANNUAL',
  irregular: 'IRREG',
  never: 'NEVER',
};

/** data.gov.tw API v2 period: `every` units of 時/日/週/月/年; absent for irregular, never and real time. */
const PERIOD: Partial<Record<UpdateFrequency, { unit: string; every: number }>> = {
  hourly: { unit: '時', every: 1 },
  daily: { unit: '日', every: 1 },
  weekly: { unit: '週', every: 1 },
  monthly: { unit: '月', every: 1 },
  quarterly: { unit: '月', every: 3 },
  semiannual: { unit: '月', every: 6 },
  annual: { unit: '年', every: 1 },
};

const isKey = (k: string): k is UpdateFrequency => k in UPDATE_FREQUENCIES;

/** EU frequency concept URI for a catalog key; '' for an empty or unknown key. */
export function euFrequencyUri(key: string): string {
  return isKey(key) ? EU_FREQUENCY_BASE + EU_CODE[key] : '';
}

/** Catalog key for an EU frequency concept URI; '' when it has no counterpart (e.g. BIENNIAL). */
export function frequencyFromEuUri(uri: string): UpdateFrequency | '' {
  if (!uri.startsWith(EU_FREQUENCY_BASE)) return '';
  const code = uri.slice(EU_FREQUENCY_BASE.length);
  if (code === 'CONT') return 'realtime';
  const hit = (Object.keys(EU_CODE) as UpdateFrequency[]).find((k) => EU_CODE[k] === code);
  return hit ?? '';
}

/** The API v2 period of a key, or null when the dataset is not updated on a schedule. */
export function frequencyPeriod(key: string): { unit: string; every: number } | null {
  return isKey(key) ? (PERIOD[key] ?? null) : null;
}

const UNIT: Record<string, string> = {
  時: '時',
  小時: '時',
  日: '日',
  天: '日',
  週: '週',
  周: '週',
  星期: '週',
  月: '月',
  個月: '月',
  季: '季',
  年: '年',
};

/** Catalog key for a period (`every` units); '' when no key matches exactly (e.g. every 2 years). */
export function frequencyFromPeriod(unit: string, every: number): UpdateFrequency | '' {
  const u = UNIT[unit.trim()];
  if (!u || !Number.isInteger(every) || every < 1) return '';
  const months = u === '季' ? every * 3 : u === '月' ? every : 0;
  for (const [key, p] of Object.entries(PERIOD)) {
    if (!p || !isKey(key)) continue;
    if (months ? p.unit === '月' && p.every === months : p.unit === u && p.every === every) return key;
  }
  return '';
}

const ALIASES: Record<string, UpdateFrequency> = {
  即時更新: 'realtime',
  不定期更新: 'irregular',
  不定時: 'irregular',
  無: 'never',
  不再更新: 'never',
  一次性: 'never',
  半年: 'semiannual',
};

/**
 * A catalog key for a label as agencies write it: a key ("monthly"), the Chinese label ("每月", "每1月",
 * "每 2 週" is not a key and gives ''), aliases ("不定期更新", "無"), or an English label ("Monthly").
 */
export function frequencyFromLabel(label: string): UpdateFrequency | '' {
  const s = label.replace(/\s+/g, '');
  if (!s) return '';
  const direct = parseUpdateFrequency(s) ?? parseUpdateFrequency(s.toLowerCase());
  if (direct) return direct;
  const alias = ALIASES[s];
  if (alias) return alias;
  const m = /^每(\d*)(小時|時|日|天|週|周|星期|個月|月|季|年)(更新)?$/.exec(s);
  if (m) return frequencyFromPeriod(m[2] ?? '', m[1] ? Number(m[1]) : 1);
  const en = (Object.keys(UPDATE_FREQUENCIES) as UpdateFrequency[]).find(
    (k) => UPDATE_FREQUENCIES[k].en.toLowerCase() === label.trim().toLowerCase(),
  );
  return en ?? '';
}
