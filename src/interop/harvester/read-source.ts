/**
 * Reads a harvest source into records: one document for catalogue exports (data.gov.tw, city layouts),
 * hydra:next pages for DCAT, package_search pages for CKAN (incremental by metadata_modified). Also says
 * which remote ids the source still lists, so the run can withdraw the ones it dropped.
 */

import type { HarvestRecord } from '../dataset-input.ts';
import {
  parseDataGovTwStatsCsv,
  parseTaichungCsv,
  parseTaoyuanCsv,
  parseTaoyuanXls,
  parseYilanCsv,
} from '../harvest/city-catalogs.ts';
import {
  parseDataGovTwCsv,
  parseDataGovTwJson,
  parseDataGovTwXlsx,
  parseDataGovTwXml,
} from '../harvest/datagovtw-files.ts';
import { decodeText, type FetchPolicy, fetchDocument } from './fetch.ts';
import { readCkan } from './read-ckan.ts';
import { readDcat } from './read-dcat.ts';
import type { SourceType } from './sources.ts';

/** What one read of a source gave. */
export interface SourceRead {
  /** Records to create or update (for an incremental CKAN read, only those changed since `since`). */
  records: HarvestRecord[];
  /** Every remote id the source lists now; null when unknown (then nothing is withdrawn). */
  presentIds: Set<string> | null;
  /** Documents fetched (pages). */
  documents: number;
}

const startsWith = (b: Uint8Array, ...sig: number[]): boolean => sig.every((v, i) => b[i] === v);
const isZip = (b: Uint8Array) => startsWith(b, 0x50, 0x4b, 0x03, 0x04);
const isOle = (b: Uint8Array) => startsWith(b, 0xd0, 0xcf, 0x11, 0xe0);

/** data.gov.tw layouts: XLSX, JSON, XML, the statistics CSV or the catalogue CSV, told apart by content. */
export function parseDataGovTwDocument(body: Uint8Array): HarvestRecord[] {
  if (isZip(body)) return parseDataGovTwXlsx(body);
  const text = decodeText(body);
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return parseDataGovTwJson(head);
  if (head.startsWith('<')) return parseDataGovTwXml(head);
  const header = head.slice(0, head.search(/\r?\n/) >>> 0);
  return header.includes('瀏覽人次') ? parseDataGovTwStatsCsv(head) : parseDataGovTwCsv(head);
}

/** Parses one catalogue document of a file-based source type. */
export function parseCatalogDocument(
  type: Exclude<SourceType, 'ckan' | 'dcat'>,
  body: Uint8Array,
): HarvestRecord[] {
  switch (type) {
    case 'datagovtw':
      return parseDataGovTwDocument(body);
    case 'taoyuan':
      return isOle(body) || isZip(body) ? parseTaoyuanXls(body) : parseTaoyuanCsv(decodeText(body));
    case 'taichung':
      return parseTaichungCsv(decodeText(body));
    case 'yilan':
      return parseYilanCsv(body);
  }
}

function idsOf(records: HarvestRecord[]): Set<string> {
  return new Set(records.flatMap((r) => ('remoteId' in r ? [r.remoteId] : [])));
}

/** Reads a source. `since` (ISO) makes a CKAN read incremental. Throws when the source cannot be read at all. */
export async function readSource(
  source: { url: string; type: SourceType },
  policy: FetchPolicy,
  since: string | null,
): Promise<SourceRead> {
  if (source.type === 'ckan') return readCkan(source.url, policy, since);
  if (source.type === 'dcat') return readDcat(source.url, policy);
  const doc = await fetchDocument(source.url, policy);
  const records = parseCatalogDocument(source.type, doc.body);
  return { records, presentIds: idsOf(records), documents: 1 };
}
