import { normalizeText } from './normalize.ts';

/**
 * Query-time synonyms: a word in a group also matches the other words of its group
 * (捷運 = MRT). Applied to unquoted words only; the index is unaffected, so the list can change
 * without reindexing.
 */
export type SynonymTable = ReadonlyMap<string, readonly string[]>;

/** Builds a synonym table from groups of equivalent words. */
export function synonymTable(groups: readonly (readonly string[])[]): SynonymTable {
  const table = new Map<string, string[]>();
  for (const group of groups) {
    const words = [...new Set(group.map((w) => normalizeText(w.trim())).filter(Boolean))];
    for (const w of words) table.set(w, [...new Set([...(table.get(w) ?? []), ...words])]);
  }
  return table;
}

/** The default list: common Taiwanese open-data terms and their English / colloquial forms. */
export const DEFAULT_SYNONYMS: SynonymTable = synonymTable([
  ['捷運', 'MRT', 'metro'],
  ['公車', '公共汽車', 'bus'],
  ['自行車', '腳踏車', '單車', 'bike', 'bicycle'],
  ['停車場', 'parking'],
  ['空氣品質', '空品', 'air quality', 'AQI'],
  ['高鐵', '高速鐵路', 'THSR'],
  ['臺鐵', '台灣鐵路', 'TRA'],
  ['無線網路', 'WiFi', 'wi-fi'],
  ['垃圾', '廢棄物'],
  ['颱風', 'typhoon'],
  ['地震', 'earthquake'],
  ['人口', 'population'],
  ['預算', 'budget'],
  ['醫院', 'hospital'],
  ['學校', 'school'],
]);
