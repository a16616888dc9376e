/**
 * Parsers for data.gov.tw catalogue exports: CSV (and the 22-column layout ODP itself exports), JSON
 * ({"Record": [...]} with Solr field names), XML (<RECORDS><RECORD><欄位><value>...</value></欄位>) and XLSX.
 * Each returns one HarvestRecord per record; a bad record becomes {error, record} and the run goes on.
 */

import { xmlParser } from '../../platform/lazy-libraries.ts';
import { parseCsvObjects } from '../csv.ts';
import type { HarvestRecord } from '../dataset-input.ts';
import { dataGovTwRemoteId, datasetFromDataGovTwRecord } from './datagovtw-record.ts';
import { readSheetRecords } from './spreadsheet.ts';

type Rec = Record<string, string>;

/** Solr field names of the JSON export -> the Chinese column names of the CSV export. */
const JSON_FIELDS: Record<string, string> = {
  id: 'id',
  Name_t: '資料集名稱',
  category_s: '服務分類',
  mimetype_ms: '檔案格式',
  field_resource_url_g_url_s: '下載連結',
  dataset_s: '資料類型',
  field_body_value_s: '資料集描述',
  field_field_fielddesc_value_s: '主要欄位說明',
  orgName_s: '提供機關',
  field_updatefreq_value_s: '更新頻率',
  field_datalicense_value_s: '授權方式',
  field_auth_link_url_s: '授權說明網址',
  field_charge_value_s: '計費方式',
  field_character_set_code_g_value_s: '編碼格式',
  contactname_sex_s: '資料集提供機關聯絡人',
  field_contactphone_value_s: '資料集提供機關聯絡人電話',
  createdDate_dt: '發布時間',
  changedDate_dt: '修訂時間',
  field_note_value_s: '備註',
};

/** Maps records, turning a record without a title or id, or a thrown mapping error, into {error, record}. */
export function mapRecords(records: Iterable<Rec>, listSeparator: RegExp): HarvestRecord[] {
  const out: HarvestRecord[] = [];
  for (const rec of records) {
    try {
      const remoteId = dataGovTwRemoteId(rec);
      const input = datasetFromDataGovTwRecord(rec, listSeparator);
      if (!input.title) out.push({ error: 'record has no 資料集名稱 (title)', record: rec });
      else if (!remoteId) out.push({ error: 'record has no 資料集識別碼 or id', record: rec });
      else out.push({ remoteId, input });
    } catch (e) {
      out.push({ error: e instanceof Error ? e.message : String(e), record: rec });
    }
  }
  return out;
}

/** data.gov.tw CSV export (UTF-8, ";"-joined lists). */
export function parseDataGovTwCsv(text: string): HarvestRecord[] {
  return mapRecords(parseCsvObjects(text), /;/);
}

/** data.gov.tw XLSX export (same columns as the CSV). */
export function parseDataGovTwXlsx(bytes: Uint8Array): HarvestRecord[] {
  return mapRecords(readSheetRecords(bytes), /;/);
}

/** data.gov.tw JSON export: {"Record": [...]} with Solr names; lists joined by "," or given as arrays. */
export function parseDataGovTwJson(text: string): HarvestRecord[] {
  const doc: unknown = JSON.parse(text);
  const list = (doc as { Record?: unknown })?.Record;
  if (!Array.isArray(list))
    return [{ error: 'no "Record" array in the document', record: text.slice(0, 200) }];
  const out: HarvestRecord[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) {
      out.push({ error: 'record is not an object', record: String(item) });
      continue;
    }
    const rec: Rec = {};
    for (const [k, v] of Object.entries(item)) {
      const key = JSON_FIELDS[k] ?? k;
      rec[key] = Array.isArray(v) ? v.map(String).join(';') : v == null ? '' : String(v);
    }
    out.push(...mapRecords([rec], /[,;]/));
  }
  return out;
}

/** data.gov.tw XML export: every field as <name><value><![CDATA[...]]></value></name>; lists joined by ",". */
export function parseDataGovTwXml(text: string): HarvestRecord[] {
  const parser = new (xmlParser().XMLParser)({
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    isArray: (name) => name === 'RECORD',
  });
  const doc = parser.parse(text) as { RECORDS?: { RECORD?: unknown[] } };
  const records = doc.RECORDS?.RECORD ?? [];
  const recs: Rec[] = records.map((r) => {
    const rec: Rec = {};
    if (typeof r !== 'object' || r === null) return rec;
    for (const [k, v] of Object.entries(r)) {
      const inner = typeof v === 'object' && v !== null && 'value' in v ? (v as { value: unknown }).value : v;
      rec[k] = inner == null ? '' : String(inner);
    }
    return rec;
  });
  return mapRecords(recs, /[,;]/);
}
