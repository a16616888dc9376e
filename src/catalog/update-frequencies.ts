/** 更新頻率 values used by data.gov.tw, with the longest gap (days) before a dataset counts as stale. */
export const UPDATE_FREQUENCIES = {
  realtime: { zh: '即時', en: 'Real-time', maxAgeDays: 2 },
  hourly: { zh: '每1時', en: 'Hourly', maxAgeDays: 2 },
  daily: { zh: '每日', en: 'Daily', maxAgeDays: 3 },
  weekly: { zh: '每週', en: 'Weekly', maxAgeDays: 21 },
  monthly: { zh: '每月', en: 'Monthly', maxAgeDays: 90 },
  quarterly: { zh: '每季', en: 'Quarterly', maxAgeDays: 270 },
  semiannual: { zh: '每半年', en: 'Every six months', maxAgeDays: 540 },
  annual: { zh: '每年', en: 'Annually', maxAgeDays: 1095 },
  irregular: { zh: '不定期', en: 'Irregular', maxAgeDays: null },
  never: { zh: '不更新', en: 'Not updated', maxAgeDays: null },
} as const;

export type UpdateFrequency = keyof typeof UPDATE_FREQUENCIES;

/** Accepts a key ("monthly") or the Chinese label ("每月", "每1月"); returns the key or undefined. */
export function parseUpdateFrequency(value: string): UpdateFrequency | undefined {
  const v = value.trim();
  if (v in UPDATE_FREQUENCIES) return v as UpdateFrequency;
  const normalized = v.replace(/^每1([月年日週季])$/, '每$1').replace('每一', '每');
  for (const [key, f] of Object.entries(UPDATE_FREQUENCIES)) {
    if (f.zh === normalized) return key as UpdateFrequency;
  }
  return undefined;
}
