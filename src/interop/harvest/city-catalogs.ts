/**
 * Parsers for city and county catalogue exports and the national portal's statistics export. Each maps its
 * own column layout onto ExternalDataset and returns one HarvestRecord per record.
 */

import { findLicense } from '../../catalog/licenses.ts';
import { findServiceCategory } from '../../catalog/service-categories.ts';
import { parseCsvObjects } from '../csv.ts';
import {
  type ExternalDataset,
  emptyExternalDataset,
  emptyExternalResource,
  type HarvestRecord,
} from '../dataset-input.ts';
import { mediaTypeOf, normalizeFormat } from '../file-formats.ts';
import { frequencyFromLabel } from '../frequency-vocabulary.ts';
import { costTypeOf, provisionTypeOf } from './datagovtw-record.ts';
import { readSheetRecords } from './spreadsheet.ts';
import {
  firstOf,
  parseCount,
  parseTaiwanDate,
  splitAgency,
  splitList,
  stripCount,
  unescapeLiteral,
} from './values.ts';

type Rec = Record<string, string>;

function category(d: ExternalDataset, raw: string): void {
  const name = stripCount(raw);
  // Taoyuan writes 購屋及遷徒 (徒 for 徙) in 136 records.
  d.tw.serviceCategory = findServiceCategory(name.replace('遷徒', '遷徙'))?.code ?? '';
  if (name && !d.tw.serviceCategory) d.extras.category = name;
}

function frequency(d: ExternalDataset, raw: string): void {
  d.tw.updateFrequency = frequencyFromLabel(raw);
  if (raw && !d.tw.updateFrequency) d.extras.updateFrequency = raw;
}

function license(d: ExternalDataset, raw: string): void {
  d.licenseId = findLicense(raw)?.id ?? '';
  if (raw && !d.licenseId) d.extras.license = raw;
}

/** Runs a mapper over records; records without a title or id, and thrown errors, become error records. */
function mapAll(records: Rec[], idOf: (r: Rec) => string, map: (r: Rec) => ExternalDataset): HarvestRecord[] {
  return records.map((rec): HarvestRecord => {
    try {
      const input = map(rec);
      const remoteId = idOf(rec);
      if (!input.title) return { error: 'record has no title', record: rec };
      if (!remoteId) return { error: 'record has no id', record: rec };
      return { remoteId, input };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e), record: rec };
    }
  });
}

/** Taoyuan (data.tycg.gov.tw) 29-column layout, shared by its CSV and its .xls supply list. */
function taoyuanDataset(r: Rec): ExternalDataset {
  const d = emptyExternalDataset(firstOf(r, '資料名稱'));
  d.notes = firstOf(r, '資料集描述');
  const agency = splitAgency(firstOf(r, '資料集提供機關', '資料來源'));
  d.organization =
    agency.name || agency.code ? { name: '', title: agency.name, govOid: '', orgCode: agency.code } : null;
  frequency(d, firstOf(r, '更新頻率'));
  category(d, firstOf(r, '分類及編號'));
  license(d, firstOf(r, '授權方式'));
  d.tw.fieldDescriptions = firstOf(r, '主要欄位說明', '主要欄位');
  d.tw.provisionType = provisionTypeOf(firstOf(r, '資料集類型'));
  d.tw.temporalStart = parseTaiwanDate(firstOf(r, '收錄期間(起)')).slice(0, 10);
  d.tw.temporalEnd = parseTaiwanDate(firstOf(r, '收錄期間(迄)')).slice(0, 10);
  d.tw.cost = {
    type: costTypeOf(firstOf(r, '計費方式')),
    feeUrl: firstOf(r, '計費說明網址'),
    legalBasis: firstOf(r, '計費法令依據'),
  };
  d.tw.relatedUrl = firstOf(r, '資料集說明網址');
  d.tw.contactName = firstOf(r, '資料集提供機關聯絡人');
  d.tw.contactPhone = firstOf(r, '資料集提供機關電話');
  d.tw.contactEmail = firstOf(r, '資料集提供機關聯絡人電子郵件');
  d.tw.remarks = firstOf(r, '備註');
  d.tw.language = 'zh-TW';
  d.tags = splitList(firstOf(r, '標籤/關鍵字'), /[,，;；、]/);
  d.issued = parseTaiwanDate(firstOf(r, '建立日期'));
  d.modified = parseTaiwanDate(firstOf(r, '最後更新時間'));
  const url = firstOf(r, '資料連結網址');
  const formats = splitList(firstOf(r, '資源格式', '檔案格式'), /[,，;；、]/).map(normalizeFormat);
  if (url) {
    const res = emptyExternalResource(url);
    res.name = d.title;
    res.format = formats.length === 1 ? (formats[0] ?? '') : '';
    if (formats.length > 1) d.extras.formats = formats.join(',');
    res.mimetype = mediaTypeOf(res.format);
    res.encoding = firstOf(r, '編碼格式').toUpperCase();
    res.recordCount = parseCount(firstOf(r, '資料量'));
    d.resources = [res];
  }
  return d;
}

/** Taoyuan catalogue CSV (03_taoyuan.csv). */
export function parseTaoyuanCsv(text: string): HarvestRecord[] {
  return mapAll(parseCsvObjects(text), (r) => firstOf(r, '編號'), taoyuanDataset);
}

/** Taoyuan supply list workbook (.xls); 編號 is stored as a float ("1.0" shows as "1"). */
export function parseTaoyuanXls(bytes: Uint8Array): HarvestRecord[] {
  return mapAll(readSheetRecords(bytes), (r) => firstOf(r, '編號').replace(/\.0+$/, ''), taoyuanDataset);
}

/** Taichung catalogue CSV (08_Taichung.csv): literal "\r\n" escapes in cells are undone. */
export function parseTaichungCsv(text: string): HarvestRecord[] {
  return mapAll(
    parseCsvObjects(text),
    (r) => firstOf(r, '編號'),
    (raw) => {
      const r = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, unescapeLiteral(v)]));
      const d = emptyExternalDataset(firstOf(r, '資料集名稱'));
      d.notes = firstOf(r, '資料集說明');
      d.tw.fieldDescriptions = firstOf(r, '主要欄位說明');
      frequency(d, firstOf(r, '更新頻率'));
      category(d, firstOf(r, '資料分類'));
      d.tw.cost.type = costTypeOf(firstOf(r, '計費方式'));
      const agency = firstOf(r, '資料集提供機關');
      d.organization = agency ? { name: '', title: agency, govOid: '', orgCode: '' } : null;
      d.tw.contactName = firstOf(r, '資料集提供機關聯絡人');
      d.tw.contactPhone = firstOf(r, '資料集提供機關聯絡人電話');
      d.tw.spatial = firstOf(r, '資料集空間範圍');
      d.tw.language = firstOf(r, '資料集語系') === '英文' ? 'en' : 'zh-TW';
      d.tw.provisionType = provisionTypeOf(firstOf(r, '資料集類型'));
      d.tw.remarks = firstOf(r, '備註');
      d.tw.relatedUrl = firstOf(r, '資料集連結網址');
      d.tags = splitList(firstOf(r, '關鍵字'), /[,，;；、\s]/);
      const licenseUrl = firstOf(r, '授權說明網址');
      if (licenseUrl) d.extras.licenseUrl = licenseUrl;
      const audience = firstOf(r, '使用對象');
      if (audience) d.extras.audience = audience;
      const count = parseCount(firstOf(r, '資料量'));
      if (count) d.extras.recordCount = String(count);
      return d;
    },
  );
}

/**
 * Yilan County list (Big5/CP950 bytes): title, source ("民政處_戶政科" = department_section), contact,
 * phone, description. Decoded strictly: a byte sequence that is not Big5 fails the whole file.
 */
export function parseYilanCsv(bytes: Uint8Array): HarvestRecord[] {
  const text = new TextDecoder('big5', { fatal: true }).decode(bytes);
  return mapAll(
    parseCsvObjects(text),
    (r) => firstOf(r, '資料集名稱'),
    (r) => {
      const d = emptyExternalDataset(firstOf(r, '資料集名稱'));
      d.notes = firstOf(r, '資料說明');
      const [dept = '', section = ''] = firstOf(r, '資料來源').split('_');
      d.organization = { name: '', title: '宜蘭縣政府', govOid: '', orgCode: '' };
      if (dept) d.extras.department = dept;
      if (section) d.extras.section = section;
      d.tw.contactName = firstOf(r, '聯絡人');
      d.tw.contactPhone = firstOf(r, '聯絡電話');
      d.tw.language = 'zh-TW';
      return d;
    },
  );
}

/**
 * data.gov.tw statistics export (16-22_data_gov_download.csv): agency, title, views, downloads, rating,
 * listing date. It has no dataset id, so the remote id is "agency/title" (duplicates are reported).
 */
export function parseDataGovTwStatsCsv(text: string): HarvestRecord[] {
  const seen = new Set<string>();
  return parseCsvObjects(text).map((r): HarvestRecord => {
    const agency = firstOf(r, '提供機關名稱');
    const title = firstOf(r, '資料集名稱').replace(/\s*\n\s*/g, ' ');
    const remoteId = `${agency}/${title}`;
    if (!title) return { error: 'record has no title', record: r };
    if (seen.has(remoteId)) return { error: `duplicate record ${remoteId}`, record: r };
    seen.add(remoteId);
    const d = emptyExternalDataset(title);
    d.organization = agency ? { name: '', title: agency, govOid: '', orgCode: '' } : null;
    d.issued = parseTaiwanDate(firstOf(r, '上架日'));
    const extras: Record<string, string> = {
      views: String(parseCount(firstOf(r, '瀏覽人次')) ?? ''),
      downloads: String(parseCount(firstOf(r, '下載次數')) ?? ''),
      rating: firstOf(r, '資料集評分'),
    };
    d.extras = Object.fromEntries(Object.entries(extras).filter(([, v]) => v !== ''));
    d.tw.language = 'zh-TW';
    return { remoteId, input: d };
  });
}
