/**
 * The national portal's catalogue export layout (22 columns, data.gov.tw 資料集清單) as streamed CSV
 * (UTF-8 with BOM, CRLF), JSON and XML. Multi-resource values are joined by ";". Times are Taiwan local
 * time ("2015-08-12 16:40:36"), as the portal writes them. Input is an async iterable, so a route can
 * stream the whole catalogue without holding it in memory.
 */

import { findLicense } from '../../catalog/licenses.ts';
import { findServiceCategory } from '../../catalog/service-categories.ts';
import type { Dataset, Group } from '../../catalog/types.ts';
import { UPDATE_FREQUENCIES, type UpdateFrequency } from '../../catalog/update-frequencies.ts';
import { csvRow } from '../csv.ts';

export const DATAGOVTW_COLUMNS = [
  '資料集識別碼',
  '資料集名稱',
  '資料提供屬性',
  '服務分類',
  '品質檢測',
  '檔案格式',
  '資料下載網址',
  '編碼格式',
  '資料集上架方式',
  '資料集描述',
  '主要欄位說明',
  '提供機關',
  '更新頻率',
  '授權方式',
  '相關網址',
  '計費方式',
  '提供機關聯絡人姓名',
  '提供機關聯絡人電話',
  '上架日期',
  '詮釋資料更新時間',
  '備註',
  '資料量',
] as const;

export type DataGovTwColumn = (typeof DATAGOVTW_COLUMNS)[number];
export type DataGovTwRow = Record<DataGovTwColumn, string>;

/** A UTC ISO time as Taiwan local "YYYY-MM-DD HH:mm:ss"; a bare date stays as it is. */
export function taiwanLocalTime(iso: string): string {
  if (!iso || /^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  return new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** One dataset as a 22-column row. */
export function dataGovTwRow(d: Dataset, org: Group | null): DataGovTwRow {
  const res = d.resources.filter((r) => r.state === 'active').sort((a, b) => a.position - b.position);
  const join = (f: (r: (typeof res)[number]) => string) => res.map(f).join(';');
  const counts = res.map((r) => r.recordCount).filter((n): n is number => n !== null);
  const freq = d.tw.updateFrequency as UpdateFrequency;
  return {
    資料集識別碼: d.tw.identifier || d.name,
    資料集名稱: d.title,
    資料提供屬性: d.tw.provisionType === 'api' ? 'API' : d.tw.provisionType === 'file' ? '檔案' : '',
    服務分類: findServiceCategory(d.tw.serviceCategory)?.zh ?? '',
    品質檢測: d.extras.quality ?? '',
    檔案格式: join((r) => r.format),
    資料下載網址: join((r) => r.url),
    編碼格式: join((r) => r.encoding),
    資料集上架方式: d.harvestSource ? '介接上架' : '人工上架',
    資料集描述: d.notes,
    主要欄位說明: d.tw.fieldDescriptions,
    提供機關: org?.title ?? '',
    更新頻率: UPDATE_FREQUENCIES[freq]?.zh ?? '',
    授權方式: findLicense(d.licenseId)?.title ?? d.licenseId,
    相關網址: d.tw.relatedUrl,
    計費方式: d.tw.cost.type === 'paid' ? '付費' : '免費',
    提供機關聯絡人姓名: d.tw.contactName,
    提供機關聯絡人電話: d.tw.contactPhone,
    上架日期: taiwanLocalTime(d.created),
    詮釋資料更新時間: taiwanLocalTime(d.modified),
    備註: d.tw.remarks,
    資料量: counts.length ? String(counts.reduce((a, b) => a + b, 0)) : '',
  };
}

export type OrganizationOf = (d: Dataset) => Group | null;

/** CSV: BOM + header, then one CRLF-terminated record per dataset. */
export async function* dataGovTwCsv(
  datasets: AsyncIterable<Dataset>,
  orgOf: OrganizationOf,
): AsyncGenerator<string> {
  yield `\uFEFF${csvRow(DATAGOVTW_COLUMNS)}`;
  for await (const d of datasets) {
    const row = dataGovTwRow(d, orgOf(d));
    yield csvRow(DATAGOVTW_COLUMNS.map((c) => row[c]));
  }
}

/** JSON: an array of objects keyed by the Chinese column names. */
export async function* dataGovTwJson(
  datasets: AsyncIterable<Dataset>,
  orgOf: OrganizationOf,
): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const d of datasets) {
    yield `${first ? '' : ','}\n${JSON.stringify(dataGovTwRow(d, orgOf(d)))}`;
    first = false;
  }
  yield '\n]\n';
}

const xmlText = (s: string): string =>
  [...s]
    .filter((ch) => {
      const c = ch.codePointAt(0) ?? 0;
      return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c !== 0xfffe && c !== 0xffff);
    })
    .join('')
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);

/** XML: <RECORDS><RECORD><資料集識別碼>…</資料集識別碼>…</RECORD></RECORDS>, one element per column. */
export async function* dataGovTwXml(
  datasets: AsyncIterable<Dataset>,
  orgOf: OrganizationOf,
): AsyncGenerator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<RECORDS>\n';
  for await (const d of datasets) {
    const row = dataGovTwRow(d, orgOf(d));
    yield `<RECORD>${DATAGOVTW_COLUMNS.map((c) => `<${c}>${xmlText(row[c])}</${c}>`).join('')}</RECORD>\n`;
  }
  yield '</RECORDS>\n';
}
