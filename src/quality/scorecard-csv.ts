import type { Db } from '../platform/db/database.ts';
import { allScorecards, type Scorecard } from './scorecard.ts';

const HEADERS = {
  'zh-TW': [
    '機關網址名',
    '機關名稱',
    '上級機關',
    '資料集數',
    '已檢測',
    '開放比例',
    '開放格式比例',
    '平均星等',
    '無標章',
    '銅',
    '銀',
    '金',
    '白金',
    '逾期未更新',
    '失效連結',
  ],
  en: [
    'org_name',
    'org_title',
    'parent_org',
    'datasets',
    'checked',
    'open_share',
    'open_format_share',
    'average_stars',
    'mark_none',
    'mark_bronze',
    'mark_silver',
    'mark_gold',
    'mark_platinum',
    'stale_datasets',
    'broken_links',
  ],
} as const;

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
function cell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(c: Scorecard, parentName: string): (string | number | null)[] {
  return [
    c.name,
    c.title,
    parentName,
    c.datasets,
    c.checked,
    c.openShare,
    c.openFormatShare,
    c.averageStars,
    c.marks.none,
    c.marks.bronze,
    c.marks.silver,
    c.marks.gold,
    c.marks.platinum,
    c.stale,
    c.brokenLinks,
  ];
}

/**
 * Every agency's scorecard (rolled up over sub-agencies) as CSV: UTF-8 with BOM so Excel in Taiwan opens it
 * correctly, CRLF line ends, headers in the requested language.
 */
export async function scorecardsCsv(db: Db, opts: { lang?: 'zh-TW' | 'en' } = {}): Promise<string> {
  const cards = await allScorecards(db);
  const names = new Map(cards.map((c) => [c.orgId, c.name]));
  const lines = [HEADERS[opts.lang ?? 'zh-TW'].map(cell).join(',')];
  for (const c of cards)
    lines.push(
      row(c, c.parentId ? (names.get(c.parentId) ?? '') : '')
        .map(cell)
        .join(','),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
