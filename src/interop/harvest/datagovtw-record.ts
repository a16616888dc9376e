/**
 * One data.gov.tw catalogue record (Chinese column names, as in the CSV/XML/XLSX exports, the 22-column
 * layout, or the JSON export after renaming) as an ExternalDataset. Multi-valued cells (formats, URLs,
 * encodings) are split on `listSeparator` and zipped into resources by position.
 */

import { findLicense } from '../../catalog/licenses.ts';
import { findServiceCategory } from '../../catalog/service-categories.ts';
import type { TwProfile } from '../../catalog/types.ts';
import {
  type ExternalDataset,
  type ExternalResource,
  emptyExternalDataset,
  emptyExternalResource,
} from '../dataset-input.ts';
import { formatFromUrl, mediaTypeOf, normalizeFormat } from '../file-formats.ts';
import { frequencyFromLabel } from '../frequency-vocabulary.ts';
import { firstOf, parseCount, parseTaiwanDate, splitList } from './values.ts';

type Rec = Record<string, string | undefined>;

/** 資料集上架方式 / 資料提供屬性 / 資料類型 -> provision type. */
export function provisionTypeOf(value: string): TwProfile['provisionType'] {
  const v = value.trim().toLowerCase();
  if (!v) return '';
  if (/api|service|服務|介接|系統/.test(v)) return 'api';
  if (/raw|原始|檔案|file|tools|工具/.test(v)) return 'file';
  return '';
}

/** 計費方式: 免費 / free -> free, anything else named -> paid. */
export function costTypeOf(value: string): 'free' | 'paid' {
  const v = value.trim().toLowerCase();
  return v === '' || v.includes('免費') || v === 'free' ? 'free' : 'paid';
}

/** Picks the i-th value of a list, or its only value when the list has one for all resources. */
const nth = (list: string[], i: number): string => list[i] ?? (list.length === 1 ? (list[0] ?? '') : '');

function resourcesOf(r: Rec, sep: RegExp, title: string): ExternalResource[] {
  const urls = splitList(firstOf(r, '資料下載網址', '下載連結', '資料連結網址'), sep);
  const formats = splitList(firstOf(r, '檔案格式'), /[;；,、]/).map(normalizeFormat);
  const encodings = splitList(firstOf(r, '編碼格式'), /[;；,]/);
  const count = parseCount(firstOf(r, '資料量'));
  const n = urls.length;
  const out: ExternalResource[] = [];
  for (let i = 0; i < n; i++) {
    const url = urls[i] ?? '';
    const res = emptyExternalResource(url);
    res.format = nth(formats, i) || formatFromUrl(url);
    res.encoding = nth(encodings, i)
      .toUpperCase()
      .replace(/^BIG-?5$/, 'BIG5');
    res.mimetype = mediaTypeOf(res.format);
    res.name = n > 1 ? `${title} (${i + 1})` : title;
    res.recordCount = n === 1 ? count : null;
    out.push(res);
  }
  return out;
}

/** Maps one record; `listSeparator` is how the export joined URLs (";" in CSV/XLSX, "," in XML/JSON). */
export function datasetFromDataGovTwRecord(r: Rec, listSeparator: RegExp = /;/): ExternalDataset {
  const title = firstOf(r, '資料集名稱');
  const d = emptyExternalDataset(title);
  d.notes = firstOf(r, '資料集描述');
  const category = firstOf(r, '服務分類');
  d.tw.serviceCategory = findServiceCategory(category)?.code ?? '';
  if (category && !d.tw.serviceCategory) d.extras.category = category;
  d.tw.identifier = /^[0-9A-Z]{9,10}-\d{6}$/.test(firstOf(r, '資料集識別碼'))
    ? firstOf(r, '資料集識別碼')
    : '';
  d.tw.fieldDescriptions = firstOf(r, '主要欄位說明');
  const frequency = firstOf(r, '更新頻率');
  d.tw.updateFrequency = frequencyFromLabel(frequency);
  if (frequency && !d.tw.updateFrequency) d.extras.updateFrequency = frequency;
  const license = firstOf(r, '授權方式');
  d.licenseId = findLicense(license)?.id ?? '';
  if (license && !d.licenseId) d.extras.license = license;
  const licenseUrl = firstOf(r, '授權說明網址');
  if (licenseUrl) d.extras.licenseUrl = licenseUrl;
  const cost = firstOf(r, '計費方式');
  d.tw.cost = {
    type: costTypeOf(cost),
    feeUrl: firstOf(r, '計費說明網址'),
    legalBasis: firstOf(r, '計費法令依據'),
  };
  d.tw.contactName = firstOf(r, '提供機關聯絡人姓名', '資料集提供機關聯絡人', '聯絡人');
  d.tw.contactPhone = firstOf(r, '提供機關聯絡人電話', '資料集提供機關聯絡人電話', '電話');
  d.tw.provisionType = provisionTypeOf(firstOf(r, '資料集上架方式', '資料提供屬性', '資料類型'));
  d.tw.relatedUrl = firstOf(r, '相關網址');
  d.tw.remarks = firstOf(r, '備註');
  d.tw.language = 'zh-TW';
  const quality = firstOf(r, '品質檢測');
  if (quality) d.extras.quality = quality;
  d.issued = parseTaiwanDate(firstOf(r, '上架日期', '發布時間'));
  d.modified = parseTaiwanDate(firstOf(r, '詮釋資料更新時間', '修訂時間'));
  const agency = firstOf(r, '提供機關');
  d.organization = agency ? { name: '', title: agency, govOid: '', orgCode: '' } : null;
  d.resources = resourcesOf(r, listSeparator, title);
  const count = firstOf(r, '資料量');
  if (count && d.resources.length !== 1) d.extras.recordCount = count;
  return d;
}

/** The remote id of a data.gov.tw record (資料集識別碼, or the export's numeric id). */
export const dataGovTwRemoteId = (r: Rec): string => firstOf(r, '資料集識別碼', 'id');
