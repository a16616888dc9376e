/**
 * Reads a CKAN source the way ckanext-harvest does: package_search with
 * fq=metadata_modified:[<last run> TO *], sorted, paged by rows/start; then the ids of every package
 * (fl=id,name) so the run can withdraw what the source dropped. A local file is one package_search response.
 */

import type { HarvestRecord } from '../dataset-input.ts';
import { parseCkanResponse } from '../harvest/ckan.ts';
import { decodeText, type FetchPolicy, fetchDocument } from './fetch.ts';
import type { SourceRead } from './read-source.ts';

const ROWS = 100;
const ID_ROWS = 1000;
const MAX_PAGES = 2000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The package_search URL of a CKAN site given its base, or the action URL itself. */
export function packageSearchUrl(base: string): URL {
  const u = new URL(base);
  if (!/\/api\/3\/action\/package_search\/?$/.test(u.pathname)) {
    u.pathname = `${u.pathname.replace(/\/+$/, '')}/api/3/action/package_search`;
  }
  u.search = '';
  return u;
}

/** A Solr date for the fq range (CKAN stores UTC without a zone; Solr wants Z). */
const solrDate = (iso: string): string => new Date(iso).toISOString();

async function page(u: URL, policy: FetchPolicy): Promise<{ text: string; count: number; results: Obj[] }> {
  const doc = await fetchDocument(u.href, policy, 'application/json');
  const text = decodeText(doc.body);
  const json: unknown = JSON.parse(text);
  const result = isObj(json) && isObj(json.result) ? json.result : null;
  if (!isObj(json) || json.success === false || !result || !Array.isArray(result.results))
    throw new Error(`${u.href}: not a CKAN package_search response`);
  return { text, count: Number(result.count) || 0, results: result.results.filter(isObj) };
}

/** Pages through package_search with the given extra parameters, calling `onPage` per page. */
async function pages(
  base: URL,
  params: Record<string, string>,
  rows: number,
  policy: FetchPolicy,
  onPage: (p: { text: string; results: Obj[] }) => void,
): Promise<number> {
  let start = 0;
  let fetched = 0;
  for (let n = 0; n < MAX_PAGES; n++) {
    const u = new URL(base);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    u.searchParams.set('rows', String(rows));
    u.searchParams.set('start', String(start));
    const p = await page(u, policy);
    fetched++;
    if (p.results.length === 0) break;
    onPage(p);
    start += p.results.length;
    if (start >= p.count) break;
  }
  return fetched;
}

/** Reads a CKAN site (or a saved package_search file). */
export async function readCkan(url: string, policy: FetchPolicy, since: string | null): Promise<SourceRead> {
  if (!/^https?:\/\//i.test(url)) {
    const doc = await fetchDocument(url, policy);
    const records = parseCkanResponse(decodeText(doc.body));
    const ids = new Set(records.flatMap((r) => ('remoteId' in r ? [r.remoteId] : [])));
    return { records, presentIds: ids, documents: 1 };
  }
  const base = packageSearchUrl(url);
  const records: HarvestRecord[] = [];
  const params: Record<string, string> = { sort: 'metadata_modified asc', q: '*:*' };
  if (since) params.fq = `metadata_modified:[${solrDate(since)} TO *]`;
  let documents = await pages(base, params, ROWS, policy, (p) => {
    records.push(...parseCkanResponse(JSON.stringify({ result: { results: p.results } })));
  });
  const presentIds = new Set<string>();
  documents += await pages(base, { q: '*:*', fl: 'id,name', sort: 'id asc' }, ID_ROWS, policy, (p) => {
    for (const r of p.results) if (typeof r.id === 'string' && r.id) presentIds.add(r.id.trim());
  });
  return { records, presentIds, documents };
}
